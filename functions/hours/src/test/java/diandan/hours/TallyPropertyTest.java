package diandan.hours;

import static diandan.hours.TallyAudit.assertTalliesMatchRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoCountLog;
import diandan.adapter.dynamodb.DynamoStarLevelStore;
import diandan.adapter.dynamodb.DynamoTallyRepository;
import diandan.adapter.dynamodb.HoursItems;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursCertification;
import diandan.app.notify.EventOutbox;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.app.points.ExactCount;
import diandan.app.points.Merchants;
import diandan.app.points.PointsAccounts;
import diandan.app.points.PointsEarning;
import diandan.app.stars.StarLevelService;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.Periods;
import diandan.domain.hours.QueuedRecord;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.ServiceDates;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.port.StorageUnavailableException;
import diandan.port.hours.RollupStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tallies stay exact without transactions: concurrent certifications and corrections from 8 threads, rollups
 * running at the same time that die at random writes (before or after the write lands), runners whose lease
 * expired but who go on anyway, and replays of a finished batch. Afterwards every tally equals the sum
 * recomputed from the certified records, for every scope, period and leaderboard area ({@link TallyAudit}).
 */
@ExtendWith(DynaliteExtension.class)
class TallyPropertyTest {
    /** Small batches, so that one run plans several and a batch is cut by its tally bound. */
    static final HoursRollup.Settings SMALL_BATCHES = new HoursRollup.Settings(Duration.ofSeconds(90),
            Duration.ofSeconds(40), 7, 150);
    static final List<String> COMMUNITIES = List.of("xinbei", "sanpu", "xibei-yimian");
    static final List<String> CATEGORIES = List.of("elderly_care", "legal");
    static final List<String> VOLUNTEERS = List.of("v-li", "v-wang", "v-chen", "v-sun");
    static final List<Caller> CERTIFIERS = List.of(Claims.caller(HoursWorld.CO_LEADER),
            Claims.caller(HoursWorld.DISPATCHER), Claims.caller(HoursWorld.ADMIN));
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);

    static HoursWorld world;
    static LocalTable table;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        world = new HoursWorld(table, SMALL_BATCHES);
        // every hour earns, 3 points each, so that half hours round and each record moves the ledger
        world.wiring.pointsRule.set(Claims.caller(HoursWorld.ADMIN), 3, 10_000, 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 37})
    void concurrentCertificationsCorrectionsCrashesAndReplays(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> records = recordMany(random, 30);
        List<Runnable> tasks = new ArrayList<>();
        for (String id : records) {
            Caller certifier = CERTIFIERS.get(random.nextInt(CERTIFIERS.size()));
            tasks.add(() -> world.wiring.certification.certify(certifier, id));
            if (random.nextInt(4) == 0) {
                tasks.add(() -> world.wiring.certification.certify(certifier, id)); // a duplicate delivery
            }
            if (random.nextInt(3) == 0) {
                double hours = 0.5 * (1 + random.nextInt(8));
                String correction = HoursRecord.correctionId(id);
                tasks.add(() -> world.wiring.certification.correct(LEADER, id, hours, "recount"));
                tasks.add(() -> world.wiring.certification.certify(certifier, correction));
                if (random.nextBoolean()) {
                    tasks.add(() -> world.wiring.certification.correct(LEADER, correction, hours + 0.5, "recount again"));
                    tasks.add(() -> world.wiring.certification.certify(certifier, HoursRecord.correctionId(correction)));
                }
            }
        }
        Collections.shuffle(tasks, random);

        AtomicBoolean working = new AtomicBoolean(true);
        AtomicInteger crashes = new AtomicInteger();
        ExecutorService rollups = Executors.newFixedThreadPool(2);
        List<Future<?>> rollupRuns = new ArrayList<>();
        for (int runner = 0; runner < 2; runner++) {
            long runnerSeed = random.nextLong();
            rollupRuns.add(rollups.submit(() -> {
                Random own = new Random(runnerSeed);
                StoreProbe process = StoreProbe.on(table).build();
                DynamoDbClient client = process.client();
                int died = 0;
                // on while the workers work, and until it has died a few times
                while (working.get() || died < 3) {
                    // once the workers are done a run finds little to do and writes little (its lease, taken and
                    // given back): a crash point within those writes, or the last deaths could take minutes
                    if (crashingRollup(own, process, client, working.get() ? 45 : 2)) {
                        died++;
                        crashes.incrementAndGet();
                    }
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            for (Future<?> done : workers.invokeAll(tasks.stream().map(TallyPropertyTest::tolerant).toList())) {
                done.get();
            }
        } finally {
            workers.shutdown();
            working.set(false);
            rollups.shutdown();
            assertTrue(rollups.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (Future<?> run : rollupRuns) {
            run.get();
        }

        recover();
        assertTalliesMatchRecords(table);
        replayTheLatestBatchConcurrently();
        assertTalliesMatchRecords(table);
        assertTrue(crashes.get() >= 6, "runs died on the way: " + crashes.get());
    }

    /**
     * For every write a run makes: a run that dies just before it and one that dies just after it landed; and a
     * run whose write the store refuses (it stops with a storage fault), at the first writes and every fifth.
     */
    @Test
    void aRunThatDiesAtAnyWriteIsResumedExactly() {
        int longestRun = 0;
        StoreProbe dying = StoreProbe.on(table).build();
        DynamoDbClient client = dying.client();
        for (StoreProbe.Fault when : List.of(StoreProbe.Fault.CRASH_BEFORE, StoreProbe.Fault.CRASH_AFTER,
                StoreProbe.Fault.REFUSED)) {
            for (int write = 1; ; write += when == StoreProbe.Fault.REFUSED && write >= 5 ? 5 : 1) {
                List<Tally> before = EVERY_ITERATION_TOUCHES.stream().map(world.wiring.tallyStore::tally).toList();
                queueACorrectionAndANewRecord();
                dying.failAt(when, write);
                try {
                    rollupOn(client, false).run("dying-" + write);
                } catch (StoreProbe.Crash | StorageUnavailableException expected) {
                    // resumed below
                }
                world.clock.advance(Duration.ofMinutes(2)); // the dead run's lease expires
                HoursRollup.Report recovery = world.wiring.rollup.run("recovery-" + write);
                assertTrue(recovery.ran());
                for (Tally was : before) {
                    // 4 h tallied, corrected to 2.5 h, and a new 1 h: 3.5 h and 2 records more, whatever died where
                    assertEquals(new Tally(was.key(), was.halfHours() + 7, was.records() + 2, was.checkInHalfHours()),
                            world.wiring.tallyStore.tally(was.key()), when + " at write " + write);
                }
                if (!dying.struck()) {
                    longestRun = Math.max(longestRun, write - 1);
                    break;
                }
            }
            assertTalliesMatchRecords(table);
        }
        assertTrue(longestRun > 30, "a run of three records writes lease, plan, 36 tallies, marks: " + longestRun);
    }

    /**
     * Certifying a correction is two changes (certify it, supersede what it replaces), each its record's queue
     * entry and then the record: if the caller dies between them, both records are certified for a while, and the
     * rollup finishes the job.
     */
    @Test
    void aCertificationThatDiesBeforeSupersedingIsFinishedByTheRollup() {
        String original = recordOne(LocalDate.parse("2026-08-15"), "v-wang", 5);
        world.wiring.certification.certify(CERTIFIERS.get(0), original);
        world.rollup();
        String correction = world.wiring.certification.correct(LEADER, original, 3.0, "recount").id();

        long before = freshHalfHours("v-wang");
        StoreProbe dying = StoreProbe.on(table).build();
        dying.failAt(StoreProbe.Fault.CRASH_BEFORE, 3);
        DynamoDbClient client = dying.client();
        HoursCertification certifyingThenDying = new HoursCertification(new DynamoHoursRepository(client, table.name()),
                world.wiring.base.registry, EventOutbox.NONE, world.clock);
        try {
            certifyingThenDying.certify(CERTIFIERS.get(1), correction);
        } catch (StoreProbe.Crash expected) {
            // died between the two writes
        }
        assertEquals("certified", world.wiring.records.find(original).orElseThrow().status().code(),
                "the original is not superseded yet");
        assertEquals(before - 4, freshHalfHours("v-wang"), "the fresh sum counts the correction, never both");
        world.rollup();
        assertEquals("superseded", world.wiring.records.find(original).orElseThrow().status().code());
        assertTalliesMatchRecords(table);
    }

    /**
     * A certification that dies between its record's queue entry and the record leaves an entry the record never
     * reaches: the rollup closes it and counts nothing, and certifying again counts the record once.
     */
    @Test
    void aCertificationThatDiesBeforeItsRecordIsClosedByTheRollup() {
        String id = recordOne(LocalDate.parse("2026-08-16"), "v-wang", 2);
        long before = talliedHalfHours("v-wang");
        StoreProbe dying = StoreProbe.on(table).build();
        dying.failAt(StoreProbe.Fault.CRASH_BEFORE, 2);
        try {
            certificationOn(dying.client()).certify(CERTIFIERS.get(1), id);
        } catch (StoreProbe.Crash expected) {
            // died between the queue entry and the record
        }
        world.rollup();
        assertEquals("pending", world.wiring.records.find(id).orElseThrow().status().code());
        assertEquals(before, talliedHalfHours("v-wang"));
        assertEquals(HoursRollup.Report.didRun(0, 0, 0), world.rollup(), "the closed entry left the queue");

        world.wiring.certification.certify(CERTIFIERS.get(1), id);
        world.rollup();
        assertEquals(before + 4, talliedHalfHours("v-wang"));
        assertTalliesMatchRecords(table);
    }

    /**
     * A rollup that runs between a certification's queue entry and its record closes the entry; the
     * certification then finds the record moved on, reads it again and queues it anew: it counts once.
     */
    @Test
    void aRollupBetweenACertificationsTwoWritesCountsItOnce() {
        String id = recordOne(LocalDate.parse("2026-08-17"), "v-wang", 1.5);
        long before = talliedHalfHours("v-wang");
        StoreProbe probe = StoreProbe.on(table).metered().build();
        AtomicBoolean rolledUp = new AtomicBoolean();
        probe.watch((was, now) -> {
            if (now != null && "hours_tally".equals(now.get("type").s()) && rolledUp.compareAndSet(false, true)) {
                world.rollup();
            }
        });
        certificationOn(probe.client()).certify(CERTIFIERS.get(1), id);
        assertTrue(rolledUp.get());
        assertEquals("certified", world.wiring.records.find(id).orElseThrow().status().code());
        world.rollup();
        assertEquals(before + 3, talliedHalfHours("v-wang"));
        assertTalliesMatchRecords(table);
    }

    /**
     * A record queued on its own item, as certifying queued it before records had tally items: the rollup moves
     * it onto its tally item, counts it once and takes the record's item off the queue.
     */
    @Test
    void aRecordQueuedOnItsOwnItemCountsOnce() {
        String id = recordOne(LocalDate.parse("2026-08-18"), "v-wang", 1);
        long before = talliedHalfHours("v-wang");
        world.wiring.certification.certify(CERTIFIERS.get(1), id);
        Map<String, AttributeValue> tallyKey = Map.of("pk", AttributeValue.fromS("HREC#" + id),
                "sk", AttributeValue.fromS("TALLY"));
        table.client().deleteItem(b -> b.tableName(table.name()).key(tallyKey));
        table.client().updateItem(b -> b.tableName(table.name()).key(HoursItems.key(id))
                .updateExpression("SET queueKey = :q").expressionAttributeValues(Map.of(":q",
                        AttributeValue.fromS(HoursItems.ROLLUP_QUEUE))));
        world.rollup();
        assertEquals(before + 2, talliedHalfHours("v-wang"));
        assertEquals(HoursRollup.Report.didRun(0, 0, 0), world.rollup(), "nothing left queued");
        assertTalliesMatchRecords(table);
    }

    private static HoursCertification certificationOn(DynamoDbClient client) {
        return new HoursCertification(new DynamoHoursRepository(client, table.name()), world.wiring.base.registry,
                EventOutbox.NONE, world.clock);
    }

    private static long talliedHalfHours(String volunteerId) {
        return world.wiring.tallyStore.tally(TallyKey.of(TallyScope.VOLUNTEER, volunteerId, Periods.ALL)).halfHours();
    }

    private static long freshHalfHours(String volunteerId) {
        return world.wiring.volunteerHours.totals(Claims.caller(HoursWorld.ADMIN), volunteerId, null, null)
                .certifiedHalfHours();
    }

    /** Random records: 1 to 3 volunteers per resolved request, on days of October and November. */
    private static List<String> recordMany(Random random, int requests) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            LocalDate day = LocalDate.parse("2026-10-01").plusDays(random.nextInt(58));
            Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
            String request = world.resolvedRequest(HoursWorld.CARE, COMMUNITIES.get(random.nextInt(COMMUNITIES.size())),
                    CATEGORIES.get(random.nextInt(CATEGORIES.size())), morning, morning.plus(Duration.ofHours(3)));
            List<String> volunteers = new ArrayList<>(VOLUNTEERS);
            Collections.shuffle(volunteers, random);
            List<HoursRecorder.Entry> entries = volunteers.subList(0, 1 + random.nextInt(3)).stream()
                    .map(v -> new HoursRecorder.Entry(v, 0.5 * (1 + random.nextInt(12)), day.toString(), null, null))
                    .toList();
            try {
                world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", request, entries), null)
                        .records().forEach(r -> ids.add(r.id()));
            } catch (Problem overTheDailyLimit) {
                // a busy day: these hours are not recorded, the others are
            }
        }
        return ids;
    }

    private static String recordOne(LocalDate day, String volunteerId, double hours) {
        Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        String request = world.resolvedRequest(HoursWorld.CARE, morning, morning.plus(Duration.ofHours(3)));
        return world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", request,
                List.of(new HoursRecorder.Entry(volunteerId, hours, day.toString(), null, null))), null)
                .records().get(0).id();
    }

    private static final AtomicInteger DAYS = new AtomicInteger();
    /** Totals that every record of {@link #queueACorrectionAndANewRecord} counts in, whatever its day. */
    private static final List<TallyKey> EVERY_ITERATION_TOUCHES = List.of(
            TallyKey.of(TallyScope.VOLUNTEER, "v-li", Periods.ALL), TallyKey.of(TallyScope.TEAM, HoursWorld.CARE, Periods.ALL),
            TallyKey.of(TallyScope.DISTRICT, "weicheng", Periods.ALL),
            TallyKey.of(TallyScope.CATEGORY, "elderly_care", Periods.ALL),
            new TallyKey(TallyScope.VOLUNTEER, "v-li", AreaType.COMMUNITY, "xinbei", Periods.ALL));

    /** A tallied record, its certified correction and a new certified record, all on one fresh day. */
    private static void queueACorrectionAndANewRecord() {
        LocalDate day = LocalDate.parse("2026-09-30").minusDays(DAYS.getAndIncrement());
        String original = recordOne(day, "v-li", 4);
        world.wiring.certification.certify(CERTIFIERS.get(0), original);
        world.rollup();
        String correction = world.wiring.certification.correct(LEADER, original, 2.5, "recount").id();
        world.wiring.certification.certify(CERTIFIERS.get(1), correction);
        world.wiring.certification.certify(CERTIFIERS.get(2), recordOne(day, "v-li", 1));
    }

    /** One rollup on a process that dies at a random write; false when it finished without dying. */
    private static boolean crashingRollup(Random random, StoreProbe process, DynamoDbClient client, int lastWrite) {
        process.failAt(random.nextBoolean() ? StoreProbe.Fault.CRASH_BEFORE : StoreProbe.Fault.CRASH_AFTER,
                1 + random.nextInt(lastWrite));
        try {
            rollupOn(client, random.nextBoolean()).run("runner-" + UUID.randomUUID());
            return false;
        } catch (StoreProbe.Crash died) {
            return true;
        }
    }

    /**
     * A rollup on this client; {@code pastItsLease}: a runner whose lease expired while it was still running (a
     * paused JVM): it goes on with every step as if it held the lease.
     */
    private static HoursRollup rollupOn(DynamoDbClient client, boolean pastItsLease) {
        DynamoTallyRepository store = new DynamoTallyRepository(client, table.name());
        StarLevelService stars = new StarLevelService(new DynamoStarLevelStore(client, table.name()));
        DynamoCountLog logs = new DynamoCountLog(client, table.name(), Merchants::readTogether);
        PointsAccounts accounts = new PointsAccounts(new ExactCount(logs, world.clock), logs, world.wiring.roster,
                world.wiring.base.registry);
        PointsEarning points = new PointsEarning(accounts, store, stars, world.wiring.pointsRule);
        return new HoursRollup(pastItsLease ? new PastItsLease(store) : store, store,
                new DynamoHoursRepository(client, table.name()), stars, points, EventOutbox.NONE, SMALL_BATCHES,
                world.clock);
    }

    /** After the storm: the dead runs' leases expire, one healthy run finishes whatever they left. */
    private static void recover() {
        world.clock.advance(Duration.ofMinutes(2));
        HoursRollup.Report report = world.wiring.rollup.run("recovery");
        assertTrue(report.ran());
        assertEquals(HoursRollup.Report.didRun(0, 0, 0), world.wiring.rollup.run("check"), "nothing left to do");
    }

    /** Four zombies apply the latest (finished) batch again, at once: nothing may change. */
    private static void replayTheLatestBatchConcurrently() throws Exception {
        DynamoTallyRepository store = world.wiring.tallyStore;
        Optional<RollupStore.StoredBatch> latest = store.latestBatch();
        assertTrue(latest.isPresent() && latest.get().done());
        RollupPlan plan = latest.get().plan();
        ExecutorService zombies = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(zombies.submit(() -> {
                    store.applyTallies(plan.number(), plan.deltas());
                    plan.records().forEach(r -> store.markApplied(plan.number(), r));
                    store.finishBatch(plan.number(), world.clock.instant());
                    return null;
                }));
            }
            for (Future<Object> run : runs) {
                run.get();
            }
        } finally {
            zombies.shutdown();
        }
        assertFalse(plan.deltas().isEmpty());
    }

    /** Runs a task, taking the refusals a real client gets (409 conflicts, 404 for a correction not made yet). */
    private static java.util.concurrent.Callable<Object> tolerant(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Problem refused) {
                // part of the game: concurrent changes of one record, corrections of superseded records
            }
            return null;
        };
    }

    /** A store whose lease is always granted: the runner believes it still holds an expired lease. */
    private record PastItsLease(RollupStore store) implements RollupStore {
        @Override
        public boolean acquireLease(String runner, Instant now, Instant until) {
            return true;
        }

        @Override
        public void releaseLease(String runner) {
            // it never noticed that it lost the lease
        }

        @Override
        public Optional<StoredBatch> latestBatch() {
            return store.latestBatch();
        }

        @Override
        public List<QueuedRecord> queued(int limit) {
            return store.queued(limit);
        }

        @Override
        public List<QueuedRecord> queued(Collection<String> ids) {
            return store.queued(ids);
        }

        @Override
        public RollupPlan createBatch(RollupPlan plan, Instant at) {
            return store.createBatch(plan, at);
        }

        @Override
        public void applyTallies(long batch, Map<TallyKey, Contribution> deltas) {
            store.applyTallies(batch, deltas);
        }

        @Override
        public void markApplied(long batch, RollupPlan.Planned record) {
            store.markApplied(batch, record);
        }

        @Override
        public void finishBatch(long batch, Instant at) {
            store.finishBatch(batch, at);
        }
    }
}
