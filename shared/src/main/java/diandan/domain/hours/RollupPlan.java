package diandan.domain.hours;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch {@code number} of the rollup: which records move from which contribution to which. Stored before any
 * tally changes, so that a crashed run resumes exactly this plan; the tally deltas are derived from it.
 */
public record RollupPlan(long number, List<Planned> records) {
    /**
     * One record of the plan; {@code status} and {@code version} are what it was planned from, so that a later
     * change is noticed.
     */
    public record Planned(String id, TallyFacts facts, RecordStatus status, long version, Contribution from,
                          Contribution to) {
    }

    public RollupPlan {
        records = List.copyOf(records);
    }

    /**
     * Plans the queued records in order until the plan would touch more than {@code maxTallies} totals (always at
     * least one record), which keeps the stored plan and the batch's writes bounded.
     */
    public static RollupPlan of(long number, List<QueuedRecord> queued, int maxTallies) {
        List<Planned> planned = new ArrayList<>();
        Set<TallyKey> touched = new LinkedHashSet<>();
        for (QueuedRecord record : queued) {
            List<TallyKey> keys = TallyKey.of(record.facts());
            Set<TallyKey> after = new LinkedHashSet<>(touched);
            after.addAll(keys);
            if (!planned.isEmpty() && after.size() > maxTallies) {
                break;
            }
            touched = after;
            planned.add(new Planned(record.id(), record.facts(), record.status(), record.version(),
                    record.applied(), record.due()));
        }
        return new RollupPlan(number, planned);
    }

    /** The net change of every total the batch touches; totals whose changes cancel out are left alone. */
    public Map<TallyKey, Contribution> deltas() {
        Map<TallyKey, Contribution> deltas = new LinkedHashMap<>();
        for (Planned record : records) {
            Contribution change = record.to().minus(record.from());
            if (!change.isNone()) {
                for (TallyKey key : TallyKey.of(record.facts())) {
                    deltas.merge(key, change, Contribution::plus);
                }
            }
        }
        deltas.values().removeIf(Contribution::isNone);
        return deltas;
    }
}
