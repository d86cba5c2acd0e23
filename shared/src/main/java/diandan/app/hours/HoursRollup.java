package diandan.app.hours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import diandan.app.notify.EventOutbox;
import diandan.app.points.PointsEarning;
import diandan.app.stars.StarLevelService;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.Periods;
import diandan.domain.hours.QueuedRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.domain.notify.DomainEvent;
import diandan.domain.stars.StarLevels;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.RollupStore;
import diandan.port.hours.TallyRepository;

/**
 * Keeps the tallies exactly, without transactions (docs/hours.md, "Tallies, exactly once without transactions").
 * Certification only marks and queues records; this scheduled rollup, under a lease, takes the queued records, stores a numbered batch
 * plan (one writer creates each number), applies each tally's delta at most once per batch, marks the records,
 * then the batch. A run that stops at any step leaves a plan the next run finishes before planning anew, and
 * every step is a conditional write that is harmless to repeat; so a tally always ends up equal to the sum of
 * the certified records it covers. Points are earned from each batch at the same step (docs/points.md). Work
 * grows with the records queued since the last run, not with all records.
 *
 * <p>A batch that raises a volunteer's all-time hours past a star level's step announces it after its tallies
 * are applied and before it is marked done, so a run that stops in between leaves a batch whose rerun finds the
 * crossing again (docs/hours.md, "Star levels").
 */
public final class HoursRollup {
    /**
     * @param lease how long a run may hold the lease: longer than the function's timeout, so a live run is
     *              never overlapped by the next tick
     * @param budget a run starts no new batch after this long, to finish within the timeout
     * @param batchRecords records read from the queue for one batch
     * @param batchTallies totals one batch may touch: bounds the plan item and the batch's writes
     */
    public record Settings(Duration lease, Duration budget, int batchRecords, int batchTallies) {
        public static Settings standard() {
            return new Settings(Duration.ofSeconds(90), Duration.ofSeconds(40), 100, 1200);
        }
    }

    /**
     * What a run did; {@code ran} is false when another runner held the lease; {@code leftForNextRun} when it
     * stopped on its time budget before it found the queue empty: the rollup has a backlog.
     */
    public record Report(boolean ran, int batches, int records, int tallies, boolean leftForNextRun) {
        public static Report leaseHeldElsewhere() {
            return new Report(false, 0, 0, 0, false);
        }

        public static Report didRun(int batches, int records, int tallies) {
            return new Report(true, batches, records, tallies, false);
        }

        static Report outOfBudget(int batches, int records, int tallies) {
            return new Report(true, batches, records, tallies, true);
        }
    }

    private final RollupStore store;
    private final TallyRepository tallies;
    private final HoursRepository records;
    private final StarLevelService stars;
    private final PointsEarning points;
    private final EventOutbox events;
    private final Settings settings;
    private final Clock clock;

    public HoursRollup(RollupStore store, TallyRepository tallies, HoursRepository records, StarLevelService stars,
                       PointsEarning points, EventOutbox events, Settings settings, Clock clock) {
        this.store = store;
        this.tallies = tallies;
        this.records = records;
        this.stars = stars;
        this.points = points;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    public Report run(String runner) {
        Instant started = clock.instant();
        if (!store.acquireLease(runner, started, started.plus(settings.lease()))) {
            return Report.leaseHeldElsewhere();
        }
        int batches = 0;
        int planned = 0;
        int touched = 0;
        boolean outOfBudget = false;
        try {
            while (true) {
                Optional<RollupStore.StoredBatch> latest = store.latestBatch();
                RollupPlan plan;
                if (latest.isPresent() && !latest.get().done()) {
                    plan = latest.get().plan();
                } else {
                    if (clock.instant().isAfter(started.plus(settings.budget()))) {
                        outOfBudget = true;
                        break;
                    }
                    List<QueuedRecord> queued = withReplaced(store.queued(settings.batchRecords()));
                    if (queued.isEmpty()) {
                        break;
                    }
                    long number = latest.map(b -> b.plan().number() + 1).orElse(1L);
                    plan = store.createBatch(RollupPlan.of(number, queued, settings.batchTallies()), clock.instant());
                }
                Map<TallyKey, Contribution> deltas = plan.deltas();
                store.applyTallies(plan.number(), deltas);
                events.announce(starLevelsReached(deltas));
                points.earn(plan);
                for (RollupPlan.Planned record : plan.records()) {
                    store.markApplied(plan.number(), record);
                }
                store.finishBatch(plan.number(), clock.instant());
                batches++;
                planned += plan.records().size();
                touched += deltas.size();
            }
        } finally {
            store.releaseLease(runner);
        }
        return outOfBudget ? Report.outOfBudget(batches, planned, touched) : Report.didRun(batches, planned, touched);
    }

    /**
     * The star levels the batch's deltas reached, read once its tallies are applied: while the batch is not done
     * no later batch has been applied, so each volunteer's all-time tally less the batch's delta is what it was
     * before. Only rising volunteer totals are read: a correction that takes hours away announces nothing.
     */
    private List<DomainEvent> starLevelsReached(Map<TallyKey, Contribution> deltas) {
        List<DomainEvent> reached = new ArrayList<>();
        StarLevels levels = null;
        for (Map.Entry<TallyKey, Contribution> delta : deltas.entrySet()) {
            TallyKey key = delta.getKey();
            if (key.scope() != TallyScope.VOLUNTEER || key.isRanking() || !Periods.ALL.equals(key.period())
                    || delta.getValue().halfHours() <= 0) {
                continue;
            }
            levels = levels == null ? stars.current() : levels;
            long after = tallies.tally(key).halfHours();
            for (int level : levels.reachedBetween(after - delta.getValue().halfHours(), after)) {
                reached.add(DomainEvent.starLevelReached(key.id(), level, clock.instant()));
            }
        }
        return reached;
    }

    /**
     * Finishes what certifying a correction began (it may have stopped before marking what the correction
     * replaces) and takes the replaced records into the same batch, so that a correction's tallies move by
     * (new − old) at once and the record counts never count both.
     */
    private List<QueuedRecord> withReplaced(List<QueuedRecord> queued) {
        Set<String> replaced = new LinkedHashSet<>();
        for (QueuedRecord record : queued) {
            if (record.status() == RecordStatus.CERTIFIED) {
                for (String id : record.supersedes()) {
                    records.supersede(id, record.id(), clock.instant());
                    replaced.add(id);
                }
            }
        }
        if (replaced.isEmpty()) {
            return queued;
        }
        Map<String, QueuedRecord> batch = new LinkedHashMap<>();
        queued.forEach(r -> batch.put(r.id(), r));
        store.queued(replaced).forEach(r -> batch.put(r.id(), r));
        return List.copyOf(batch.values());
    }
}
