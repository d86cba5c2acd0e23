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
import diandan.domain.Clocks;
import diandan.domain.Rating;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;

/**
 * The sweep reads what is due, not what is stored: 10 due requests among 10,000 that are not due (5,000 with
 * deadlines still ahead, 5,000 resolved), and the sweep reads the 10 index entries, the 10 requests and the
 * watermark. Counted item by item with a counting client, and printed. (Writing the escalations also records
 * the loads of the teams involved, through {@code RequestChanges}: writes, no reads.) Closing works the same:
 * 10 resolved requests whose rating window has ended among 10,000 that are not due (resolved within the window,
 * or rated and closed), and the sweep reads the 10 entries, the 10 requests and the watermark.
 */
@ExtendWith(DynaliteExtension.class)
class SweepCostTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    @Test
    void readsTheDueAndAConstantMoreWhateverTheTableHolds(LocalTable table) {
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // submitted 11:40..11:44: respond deadlines 11:55..11:59 have passed
            requests.add(Fixtures.submitted("due" + i, Instant.parse("2026-11-28T11:40:00Z").plusSeconds(30L * i),
                    Clocks.DESK_PROMISE, "team-a"));
        }
        for (int i = 0; i < 5_000; i++) {
            // submitted 11:50..12:00: deadlines from 12:05 on, in this hour's buckets and the next hours'
            requests.add(Fixtures.submitted("ahead" + i, Instant.parse("2026-11-28T11:50:00Z").plusMillis(120L * i),
                    Clocks.DESK_PROMISE, "team-a"));
        }
        for (int i = 0; i < 5_000; i++) {
            Instant at = Instant.parse("2026-11-28T08:00:00Z").plusMillis(500L * i);
            ServiceRequest dispatched = Fixtures.submitted("resolved" + i, at, Clocks.DESK_PROMISE, "team-a");
            ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader", at.plusSeconds(60));
            requests.add(RequestLifecycle.resolve(RequestLifecycle.reply(accepted, "leader", "on my way", null,
                    at.plusSeconds(120)), "leader", "done", at.plusSeconds(600)));
        }
        long started = System.nanoTime();
        Fixtures.createAll(table, requests);
        System.out.printf("sweep cost: stored %d requests in %d ms%n", requests.size(),
                (System.nanoTime() - started) / 1_000_000);

        StoreProbe counting = StoreProbe.on(table).build();
        LocalTable counted = new LocalTable(table.engine(), counting.client(), table.name());
        Sweeper sweeper = Fixtures.sweeper(counted, Fixtures.requests(counted), Fixtures.NEXT_TEAM,
                new Sweeper.Limits(500, Duration.ofMinutes(1)), Fixtures.PRESENT);
        sweeper.sweep(Instant.parse("2026-11-28T11:30:00Z")); // the previous ticks: a watermark in place
        counting.reset();

        Sweeper.Result result = sweeper.sweep(NOW);
        StoreProbe.Reading cost = counting.reading();

        System.out.printf("sweep cost: %d escalated; items read %d (index entries %d, requests %d, watermark %d);"
                        + " queries %d; writes %d%n", result.escalations().size(), cost.totalItemsReturned(),
                cost.indexItemsReturned(), result.requestsRead(), cost.itemsGot() - result.requestsRead(),
                cost.calls("Query"), cost.itemWrites());
        assertEquals(10, result.escalations().size());
        assertEquals(10, cost.indexItemsReturned(), "index entries read: exactly the due ones");
        assertEquals(11, cost.itemsGot(), "the 10 requests re-checked, and the watermark");
        assertTrue(cost.totalItemsReturned() <= 10 + 10 + 1, "items read: " + cost.totalItemsReturned());
        assertEquals(8, cost.calls("Query"), "the previous hour and this one, four shards each");
        assertEquals(10 + 10 + 20 + 1, cost.itemWrites(),
                "10 requests, 10 alerts, the loads of the silent and the new team for each, the watermark");
    }

    @Test
    void closingReadsTheDueAndAConstantMoreWhateverTheTableHolds(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Instant windowStart = NOW.minus(RequestLifecycle.RATING_WINDOW);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // resolved 11:50..11:54 seven days ago: their windows ended 11:50..11:54 today
            requests.add(resolved("due" + i, windowStart.minusSeconds(630).plusSeconds(30L * i)));
        }
        for (int i = 0; i < 5_000; i++) {
            // resolved since: windows ending from 12:05 on, in this hour's buckets and the next hours'
            requests.add(resolved("waiting" + i, windowStart.plusSeconds(270).plusMillis(120L * i)));
        }
        for (int i = 0; i < 5_000; i++) {
            ServiceRequest resolved = resolved("rated" + i, windowStart.minus(Duration.ofDays(1)).plusMillis(500L * i));
            requests.add(RequestLifecycle.rate(resolved, resolved.residentSub(),
                    new Rating(5, "resolved", null, resolved.sla().resolvedAt().plusSeconds(3600))));
        }
        Fixtures.createAll(table, requests);

        StoreProbe counting = StoreProbe.on(table).build();
        LocalTable counted = new LocalTable(table.engine(), counting.client(), table.name());
        Sweeper sweeper = Fixtures.sweeper(counted, Sweeper.Limits.STANDARD);
        sweeper.sweep(Instant.parse("2026-11-28T11:30:00Z")); // the previous ticks: a watermark in place
        counting.reset();

        Sweeper.Result result = sweeper.sweep(NOW);
        StoreProbe.Reading cost = counting.reading();

        System.out.printf("sweep cost (closing): %d closed; items read %d (index entries %d, requests %d); queries"
                        + " %d; writes %d%n", result.closed().size(), cost.totalItemsReturned(),
                cost.indexItemsReturned(), result.requestsRead(), cost.calls("Query"), cost.itemWrites());
        assertEquals(10, result.closed().size());
        assertTrue(result.escalations().isEmpty());
        assertEquals(10, cost.indexItemsReturned(), "index entries read: exactly the due ones");
        assertEquals(11, cost.itemsGot(), "the 10 requests re-checked, and the watermark");
        assertEquals(8, cost.calls("Query"), "the previous hour and this one, four shards each");
        assertEquals(10 + 10 + 1, cost.itemWrites(), "10 requests, the load record of their team, the watermark");
    }

    /** Served in time by team-a and resolved at {@code at}. */
    static ServiceRequest resolved(String id, Instant at) {
        Instant submitted = at.minusSeconds(1200);
        ServiceRequest dispatched = Fixtures.submitted(id, submitted, Clocks.DESK_PROMISE, "team-a");
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader", submitted.plusSeconds(60));
        return RequestLifecycle.resolve(RequestLifecycle.reply(accepted, "leader", "on my way", null,
                submitted.plusSeconds(120)), "leader", "done", at);
    }
}
