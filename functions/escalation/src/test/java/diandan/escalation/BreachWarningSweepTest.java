package diandan.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.BreachWarning;
import diandan.domain.Clocks;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.TimelineEntry;

/**
 * Warnings before a breach come from the same due index as escalations: 12 minutes into the 15-minute respond
 * clock the request is due, warned once however often the sweep runs, and then due again at its deadline.
 */
@ExtendWith(DynaliteExtension.class)
class BreachWarningSweepTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void theRespondClockWarnsAt80PercentOnceThenEscalatesAtItsDeadline(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        ServiceRequest request = Fixtures.submitted("r-warn", SUBMITTED, Clocks.DESK_PROMISE, "team-a");
        assertEquals(SUBMITTED.plus(Duration.ofMinutes(12)), BreachWarning.warnAt(request, SlaClock.RESPOND));
        assertEquals(SUBMITTED.plus(Duration.ofMinutes(12)), request.nextDue().orElseThrow());
        Fixtures.createAll(table, List.of(request));
        Sweeper sweeper = Fixtures.sweeper(table, Sweeper.Limits.STANDARD);

        assertTrue(sweeper.sweep(SUBMITTED.plus(Duration.ofMinutes(11).plusSeconds(59))).warnings().isEmpty());
        Sweeper.Result first = sweeper.sweep(SUBMITTED.plus(Duration.ofMinutes(12)));
        Sweeper.Result again = sweeper.sweep(SUBMITTED.plus(Duration.ofMinutes(13)));

        assertEquals(List.of(new Sweeper.Warning("r-warn", SlaClock.RESPOND, SUBMITTED.plus(Duration.ofMinutes(15)))),
                first.warnings());
        assertTrue(again.warnings().isEmpty(), "warned once: " + again.warnings());
        assertTrue(first.escalations().isEmpty());
        ServiceRequest warned = Fixtures.requests(table).find("r-warn").orElseThrow();
        assertEquals(1, warned.timeline().stream().filter(e -> e.type().equals(BreachWarning.TIMELINE_TYPE)).count());
        assertEquals(SUBMITTED.plus(Duration.ofMinutes(15)), warned.nextDue().orElseThrow(),
                "after the warning the request is next due at its deadline");

        Sweeper.Result atDeadline = sweeper.sweep(SUBMITTED.plus(Duration.ofMinutes(15)));
        assertEquals(1, atDeadline.escalations().size());
        assertTrue(atDeadline.warnings().isEmpty());
    }

    @Test
    void aClockWhoseDeadlineHasPassedEscalatesWithoutAWarning(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.createAll(table, List.of(Fixtures.submitted("r-late", SUBMITTED, Clocks.DESK_PROMISE, "team-a")));
        Sweeper.Result result = Fixtures.sweeper(table, Sweeper.Limits.STANDARD)
                .sweep(SUBMITTED.plus(Duration.ofMinutes(16)));
        assertEquals(1, result.escalations().size());
        assertTrue(result.warnings().isEmpty());
        ServiceRequest stored = Fixtures.requests(table).find("r-late").orElseThrow();
        assertTrue(stored.timeline().stream().map(TimelineEntry::type).noneMatch(BreachWarning.TIMELINE_TYPE::equals));
    }

    @Test
    void theWarningSweepReadsTheDueAndAConstantMore(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // submitted 11:46..11:47:30: respond warnings 11:58..11:59:30 passed, deadlines from 12:01 ahead
            requests.add(Fixtures.submitted("warn" + i, Instant.parse("2026-11-28T11:46:00Z").plusSeconds(10L * i),
                    Clocks.DESK_PROMISE, "team-a"));
        }
        for (int i = 0; i < 2_000; i++) {
            // submitted from 11:51 on: warnings from 12:03 on
            requests.add(Fixtures.submitted("ahead" + i, Instant.parse("2026-11-28T11:51:00Z").plusMillis(300L * i),
                    Clocks.DESK_PROMISE, "team-a"));
        }
        Fixtures.createAll(table, requests);
        StoreProbe counting = StoreProbe.on(table).build();
        LocalTable counted = new LocalTable(table.engine(), counting.client(), table.name());
        Sweeper sweeper = Fixtures.sweeper(counted, Fixtures.requests(counted), Fixtures.NEXT_TEAM,
                Sweeper.Limits.STANDARD, Fixtures.PRESENT);
        sweeper.sweep(Instant.parse("2026-11-28T11:30:00Z"));
        counting.reset();

        Sweeper.Result result = sweeper.sweep(Instant.parse("2026-11-28T12:00:00Z"));
        StoreProbe.Reading cost = counting.reading();

        assertEquals(10, result.warnings().size());
        assertEquals(10, cost.indexItemsReturned(), "index entries read: exactly the due ones");
        assertEquals(11, cost.itemsGot(), "the 10 requests re-checked, and the watermark");
    }
}
