package diandan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import diandan.devkit.StoreProbe;

/**
 * Section 7 and the targets' rows on round trips and the rollup: held or not is read from the measured numbers
 * given, for every state-changing route and no other, and the prose is included as given. No benchmark is run.
 */
class RoundTripsSectionTest {
    static final int COST_CALLS = 20;

    /** A route as section 2 measured it: {@code warm} sequential calls a call on average, {@code first} on a new handler. */
    static WarmRoutes.Result measured(String key, double warm, int first) {
        StoreProbe.Reading cost = new StoreProbe.Reading(Map.of(), Map.of(), 0, 0, Map.of(), 0, 0, 0, 0, 0, Map.of(),
                (int) Math.round(warm * COST_CALLS));
        return new WarmRoutes.Result("SomeFunction", key, "200", new Samples(), new Samples(), cost, COST_CALLS, first);
    }

    static final List<WarmRoutes.Result> OVER = List.of(
            measured("POST /requests", 5, 6),
            measured("GET /requests", 1, 1),
            measured("POST /requests/{id}/accept", 2, 2),
            measured("POST /requests/{id}/decline", 3.5, 4),
            measured("POST /hours/{id}/certify", 2, 3),
            measured("schedule EscalationFunction", 30, 32));

    static final List<WarmRoutes.Result> WITHIN = List.of(
            measured("POST /requests", 3, 3),
            measured("POST /requests/{id}/accept", 2, 2),
            measured("PUT /teams/{id}", 1, 2));

    @Test
    void everyStateChangeIsComparedWithItsTargetWarmAndOnAFirstEventAndTheProseFollowsAsGiven() {
        Markdown report = new Markdown();
        RoundTrips.write(report, OVER, COST_CALLS, "What runs together, and why.\n");
        String section = report.toString();

        assertTrue(section.startsWith("## 7. Round trips, per state-changing route\n"), section);
        assertTrue(section.contains("| `POST /requests` | 5.0 | 6 | ≤ 3 | **no** | **no** |"), section);
        assertTrue(section.contains("| `POST /requests/{id}/accept` | 2.0 | 2 | ≤ 2 | yes | yes |"), section);
        assertTrue(section.contains("| `POST /requests/{id}/decline` | 3.5 | 4 | ≤ 2 | **no** | **no** |"), section);
        assertTrue(section.contains("| `POST /hours/{id}/certify` | 2.0 | 3 | ≤ 2 | yes | **no** |"), section);
        assertFalse(section.contains("`GET /requests`"), "a read is no state change");
        assertFalse(section.contains("`schedule "), "a schedule is no route");
        assertTrue(section.endsWith("What runs together, and why.\n\n"), section);
    }

    @Test
    void theTargetsSayWhichRoutesAreOverFromTheNumbersMeasured() {
        String over = targets(OVER);
        assertTrue(over.contains("| round trips: a submission (`POST /requests`) makes ≤ 3 DynamoDB calls one after "
                + "another | **no** | 5.0 warm, 6 on a container's first event (section 7) |"), over);
        assertTrue(over.contains("| round trips: every other state change makes ≤ 2 | **no** | 3 routes measured; over: "
                + "`POST /requests/{id}/decline` 3.5 (first event 4); over on a container's first event only: "
                + "`POST /hours/{id}/certify` 3 (section 7) |"), over);

        String within = targets(WITHIN);
        assertTrue(within.contains("makes ≤ 3 DynamoDB calls one after another | yes | 3.0 warm, 3 on a container's "
                + "first event (section 7) |"), within);
        assertTrue(within.contains("| round trips: every other state change makes ≤ 2 | yes | 2 routes measured, at most 2.0 "
                + "warm and 2 on a container's first event (section 7) |"), within);
    }

    @Test
    void theRollupIsHalvedOnlyWhenBothALoneRecordAndABatchsRecordCostHalfOrLess() {
        assertTrue(rollup(36, 16.8).contains("| **no** | a lone record 36 WCU (55% of 65), a record of a batch of 100 "
                + "16.8 WCU (45% of 37.6) (section 3) |"), rollup(36, 16.8));
        assertTrue(rollup(30, 16.8).contains("| yes | a lone record 30 WCU (46% of 65)"), rollup(30, 16.8));
        assertTrue(rollup(30, 19).contains("| **no** |"), rollup(30, 19));
    }

    static String targets(List<WarmRoutes.Result> warm) {
        Markdown report = new Markdown();
        Targets.roundTripRows(report.table("target", "holds", "this run"), RoundTrips.of(warm));
        return report.toString();
    }

    static String rollup(double lone, double perRecordInBatch) {
        Markdown report = new Markdown();
        Targets.rollupRow(report.table("target", "holds", "this run"), lone, perRecordInBatch);
        String text = report.toString();
        assertEquals(1, text.lines().filter(l -> l.startsWith("| the hours rollup")).count(), text);
        return text;
    }
}
