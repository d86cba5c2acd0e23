package diandan.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Clocks;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;

/**
 * Three hours without a sweep (09:00 to 12:00), 90 respond deadlines missed meanwhile: the sweeps after the
 * outage escalate all of them, oldest deadline first, at most 25 requests a sweep, each sweep resuming from
 * the watermark the one before left, until it is caught up.
 */
@ExtendWith(DynaliteExtension.class)
class CatchUpTest {
    /**
     * Before the first warning falls due (08:57): a request is due at its warning until warned, then at its
     * deadline, and the backlog is swept in the order of those due moments, which for requests warned of alike is
     * the order of their deadlines.
     */
    static final Instant LAST_SWEEP_BEFORE = Instant.parse("2026-11-28T08:56:00Z");
    static final Instant FIRST_SWEEP_AFTER = Instant.parse("2026-11-28T12:00:00Z");
    static final int BATCH = 25;
    /** Respond in 15 minutes; reply and resolve far later, so that only respond deadlines fall in the gap. */
    static final Clocks RESPOND_ONLY = new Clocks(15, 12 * 60, 24 * 60);

    @Test
    void escalatesTheBacklogInDeadlineOrderInBoundedBatchesFromTheWatermark(LocalTable table) {
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            // submitted 08:45..11:43, two minutes apart, in an order unrelated to their ids' order
            Instant at = Instant.parse("2026-11-28T08:45:00Z").plusSeconds(120L * ((i * 37) % 90));
            requests.add(Fixtures.submitted(String.format("r%03d", i), at, RESPOND_ONLY, "team-a"));
        }
        Fixtures.createAll(table, requests);
        Sweeper sweeper = Fixtures.sweeper(table, new Sweeper.Limits(BATCH, Duration.ofMinutes(1)));
        assertTrue(sweeper.sweep(LAST_SWEEP_BEFORE).escalations().isEmpty());

        List<Sweeper.Escalation> escalated = new ArrayList<>();
        List<Instant> watermarks = new ArrayList<>();
        Instant now = FIRST_SWEEP_AFTER;
        Sweeper.Result result;
        do {
            result = sweeper.sweep(now);
            assertTrue(result.escalations().size() <= BATCH, "bounded: " + result.escalations().size());
            escalated.addAll(result.escalations());
            watermarks.add(result.watermark());
            now = now.plus(Duration.ofMinutes(1));
        } while (!result.caughtUp());

        assertEquals(4, watermarks.size(), "90 requests at 25 a sweep: four sweeps");
        assertEquals(90, escalated.size());
        assertEquals(90, escalated.stream().map(Sweeper.Escalation::requestId).distinct().count(), "each once");
        assertTrue(escalated.stream().allMatch(e -> e.clock() == SlaClock.RESPOND));
        List<Sweeper.Escalation> inDeadlineOrder = escalated.stream()
                .sorted(Comparator.comparing(Sweeper.Escalation::deadline)).toList();
        assertEquals(inDeadlineOrder, escalated, "oldest deadline first, across sweeps");
        for (int i = 1; i < watermarks.size(); i++) {
            assertFalse(watermarks.get(i).isBefore(watermarks.get(i - 1)), "the watermark only moves forward");
        }
        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), watermarks.get(0),
                "the first sweep after the outage finished no hour: 09:00 holds 30 deadlines");
        assertEquals(Instant.parse("2026-11-28T12:00:00Z"), watermarks.get(watermarks.size() - 1));
        System.out.printf("catch-up: %d escalations in %d sweeps, watermarks %s%n", escalated.size(),
                watermarks.size(), watermarks);
    }
}
