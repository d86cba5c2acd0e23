package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.port.menu.ProjectRatings;

/** A project's order counter and rating tally: exact under racing and repeated calls. */
@ExtendWith(DynaliteExtension.class)
class DynamoProjectOrdersTest {
    static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    final DynamoProjectOrders orders;
    final DynamoProjectRatings ratings;

    DynamoProjectOrdersTest(LocalTable table) {
        this.orders = new DynamoProjectOrders(table.client(), table.name());
        this.ratings = new DynamoProjectRatings(table.client(), table.name());
    }

    @Test
    void thirtyRacingOrdersForTwelvePlacesCountExactlyTwelve() throws Exception {
        int racers = 30;
        int places = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String request = "r" + i;
            Callable<Boolean> order = () -> {
                start.await();
                return orders.take("race", "W2026-11-30", places, request, T0);
            };
            results.add(pool.submit(order));
        }
        start.countDown();
        int taken = 0;
        for (Future<Boolean> result : results) {
            taken += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(places, taken);
        assertEquals(places, orders.taken("race", "W2026-11-30"));
    }

    @Test
    void aRetriedOrderCountsOnceEvenWhenTheWindowIsFullSinceAndWindowsAreApart() {
        assertTrue(orders.take("retry", "W2026-11-30", 1, "r1", T0));
        assertTrue(orders.take("retry", "W2026-11-30", 1, "r1", T0), "the same request again: still counted");
        assertFalse(orders.take("retry", "W2026-11-30", 1, "r2", T0), "another: full");
        assertEquals(1, orders.taken("retry", "W2026-11-30"));
        assertTrue(orders.take("retry", "W2026-12-07", 1, "r2", T0), "the next week has its own count");
        assertEquals(0, orders.taken("never", "W2026-11-30"));
    }

    @Test
    void aRatingIsTalliedOncePerRequestAcrossMonths() {
        ratings.record("rated", "2026-12", "r1", 5);
        ratings.record("rated", "2026-12", "r1", 5);
        ratings.record("rated", "2026-12", "r2", 3);
        ratings.record("rated", "2027-01", "r3", 4);
        assertEquals(new ProjectRatings.Tally(3, 12), ratings.tally("rated"));
        assertEquals(ProjectRatings.Tally.NONE, ratings.tally("unrated"));
    }
}
