package diandan.port.hours;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.hours.Contribution;
import diandan.domain.hours.QueuedRecord;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.TallyKey;

/**
 * The rollup's storage steps, each one conditional single-item write that is safe to repeat: a lease, numbered
 * batch plans (one writer creates each), tally updates applied at most once per batch, records marked once.
 */
public interface RollupStore {
    /** A stored plan and whether all its steps are done. */
    record StoredBatch(RollupPlan plan, boolean done) {
    }

    /** Takes the lease if it is free, expired or already this runner's; false when another runner holds it. */
    boolean acquireLease(String runner, Instant now, Instant until);

    /** Gives the lease back if this runner still holds it. */
    void releaseLease(String runner);

    /** The batch with the highest number, if any. */
    Optional<StoredBatch> latestBatch();

    /** Up to {@code limit} records waiting for the rollup, as their items say now. */
    List<QueuedRecord> queued(int limit);

    /** These records as their items say now, those still waiting for the rollup. */
    List<QueuedRecord> queued(Collection<String> ids);

    /** Stores the plan unless its number exists; returns the plan stored under that number (this or the earlier one). */
    RollupPlan createBatch(RollupPlan plan, Instant at);

    /** Adds each delta to its tally unless this batch (or a later one) was applied to it already. */
    void applyTallies(long batch, Map<TallyKey, Contribution> deltas);

    /** Records what the record now contributes; it leaves the queue unless its status changed since the plan. */
    void markApplied(long batch, RollupPlan.Planned record);

    void finishBatch(long batch, Instant at);
}
