package diandan.domain.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import diandan.domain.AreaPath;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The plan's arithmetic alone: batches of record changes move the tallies to the sums of what counts. */
class RollupPlanTest {
    static TallyFacts facts(String volunteer, String community, String date) {
        return new TallyFacts(volunteer, "team-care", new AreaPath(community, "weiyang", "weicheng"), "elderly_care",
                LocalDate.parse(date));
    }

    @Test
    void aCertifiedCorrectionMovesHoursByTheDifferenceAndRecordsNotAtAll() {
        TallyFacts service = facts("v-li", "xinbei", "2026-11-28");
        QueuedRecord original = new QueuedRecord("h1", service, RecordStatus.SUPERSEDED, 8, Capture.MANUAL, List.of(),
                new Contribution(8, 1, 0), 1);
        QueuedRecord correction = new QueuedRecord("h2", service, RecordStatus.CERTIFIED, 6, Capture.MANUAL, List.of("h1"),
                Contribution.NONE, 1);
        Map<TallyKey, Contribution> deltas = RollupPlan.of(1, List.of(original, correction), 1000).deltas();
        assertEquals(36, deltas.size());
        deltas.values().forEach(d -> assertEquals(new Contribution(-2, 0, 0), d));
    }

    @Test
    void changesThatCancelOutTouchNoTally() {
        TallyFacts service = facts("v-li", "xinbei", "2026-11-28");
        QueuedRecord unchanged = new QueuedRecord("h1", service, RecordStatus.CERTIFIED, 8, Capture.MANUAL, List.of(),
                new Contribution(8, 1, 0), 1);
        QueuedRecord neverCounted = new QueuedRecord("h2", service, RecordStatus.SUPERSEDED, 4, Capture.MANUAL, List.of(),
                Contribution.NONE, 1);
        RollupPlan plan = RollupPlan.of(3, List.of(unchanged, neverCounted), 1000);
        assertEquals(2, plan.records().size(), "both are planned, so that both leave the queue");
        assertTrue(plan.deltas().isEmpty());
    }

    @Test
    void aPlanStopsBeforeTouchingTooManyTallies() {
        List<QueuedRecord> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(new QueuedRecord("h" + i, facts("v-" + i, "c" + i, "2026-11-2" + i % 10), RecordStatus.CERTIFIED,
                    2, Capture.MANUAL, List.of(), Contribution.NONE, 1));
        }
        assertEquals(3, RollupPlan.of(1, queued, 80).records().size(), "36 tallies, then 18 more for each other volunteer and community");
        assertEquals(1, RollupPlan.of(1, queued, 10).records().size(), "always at least one record");
        assertEquals(10, RollupPlan.of(1, queued, 10_000).records().size());
    }

    /**
     * Whatever the records do (certified, superseded, in any order) and however they are cut into batches,
     * applying every batch's deltas leaves each tally at the sum of what counts.
     */
    @Property(tries = 300)
    void batchesOfChangesSumToWhatCounts(@ForAll("histories") List<List<QueuedRecord>> batches) {
        Map<TallyKey, Contribution> tallies = new HashMap<>();
        Map<String, QueuedRecord> latest = new HashMap<>();
        long number = 0;
        for (List<QueuedRecord> batch : batches) {
            RollupPlan plan = RollupPlan.of(++number, batch, Integer.MAX_VALUE);
            plan.deltas().forEach((key, delta) -> tallies.merge(key, delta, Contribution::plus));
            batch.forEach(r -> latest.put(r.id(), r));
        }
        Map<TallyKey, Contribution> expected = new HashMap<>();
        latest.values().forEach(r -> TallyKey.of(r.facts()).forEach(k -> expected.merge(k, r.due(), Contribution::plus)));
        expected.values().removeIf(Contribution::isNone);
        tallies.values().removeIf(Contribution::isNone);
        assertEquals(expected, tallies);
    }

    /** Records moving through their statuses; each batch sees each record's current status and what it has applied. */
    @Provide
    Arbitrary<List<List<QueuedRecord>>> histories() {
        Arbitrary<int[]> steps = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 48), Arbitraries.integers().between(0, 2))
                .as((record, hours, status) -> new int[] {record, hours, status});
        return steps.list().ofMinSize(1).ofMaxSize(30).flatMap(changes -> Arbitraries.integers().between(1, 5)
                .map(batchSize -> {
                    Map<String, Contribution> applied = new HashMap<>();
                    Map<String, Integer> hoursOf = new HashMap<>();
                    List<List<QueuedRecord>> batches = new ArrayList<>();
                    List<QueuedRecord> batch = new ArrayList<>();
                    for (int[] change : changes) {
                        String id = "h" + change[0];
                        int hours = hoursOf.computeIfAbsent(id, k -> change[1]);
                        RecordStatus status = RecordStatus.values()[change[2]];
                        if (batch.stream().anyMatch(r -> r.id().equals(id))) {
                            batches.add(batch);
                            batch.forEach(r -> applied.put(r.id(), r.due()));
                            batch = new ArrayList<>();
                        }
                        batch.add(new QueuedRecord(id, facts("v-" + change[0] % 3, "c" + change[0] % 2, "2026-11-28"),
                                status, hours, Capture.MANUAL, List.of(), applied.getOrDefault(id, Contribution.NONE), 1));
                        if (batch.size() == batchSize) {
                            batches.add(batch);
                            batch.forEach(r -> applied.put(r.id(), r.due()));
                            batch = new ArrayList<>();
                        }
                    }
                    if (!batch.isEmpty()) {
                        batches.add(batch);
                    }
                    return batches;
                }));
    }
}
