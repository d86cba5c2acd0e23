package diandan.hours;

import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.VOLUNTEER_WANG;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoCountLog;
import diandan.adapter.dynamodb.DynamoMerchantStore;
import diandan.adapter.dynamodb.DynamoRedemptionStore;
import diandan.adapter.http.Claims;
import diandan.app.points.ExactCount;
import diandan.app.points.Merchants;
import diandan.app.points.Redemptions;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.points.LogEntry;
import diandan.domain.points.Redemption;
import diandan.port.StorageUnavailableException;
import diandan.port.points.CountLog;

/**
 * The ledger stays exact when calls stop half way and when everything happens at once: a redemption stopped between
 * its writes is finished or undone by its replay; a correction taking hours away reverses their points once; under
 * concurrent certifications, corrections, rollups, replays and redemptions every log stays the running sum of its
 * entries, never below zero, and every redemption is taken exactly once or given back exactly once.
 */
@ExtendWith(DynaliteExtension.class)
class PointsExactnessTest {
    private static HoursWorld world;
    private static String merchant;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        ok(200, world.call(ApiEvents.withBody(ApiEvents.load("put-star-levels.json"), "{\"thresholds\":[1]}"), ADMIN));
        world.wiring.pointsRule.set(Claims.caller(ADMIN), 1, 1_000, 0);
        merchant = world.wiring.merchants.create(Claims.caller(ADMIN), null, "新北社区爱心超市", "xinbei").id();
        for (String volunteer : new String[] {"v-wang", "v-li", "v-sun"}) {
            for (int i = 0; i < 3; i++) {
                ok(200, world.certify(world.pendingRecord(volunteer, 4), LEADER));
            }
        }
        world.rollup(); // 12 points each
    }

    @Test
    void aRedemptionStoppedBeforeItTookTheStockIsFinishedByItsReplayTakingEachOnce() {
        item("stop-a", 1, 5);
        long balance = world.wiring.points.balance("v-sun");
        Redemptions stopping = redemptionsFailingOn("take#");
        assertThrows(StorageUnavailableException.class, () -> stopping.redeem(sun(), "stop-a", merchant, "stop-a"));
        assertEquals(balance - 1, world.wiring.points.balance("v-sun"), "the points were taken before the stop");

        Redemption done = world.wiring.redemptions.redeem(sun(), "stop-a", merchant, "stop-a");
        assertEquals(Redemption.State.DONE, done.state());
        assertEquals(balance - 1, world.wiring.points.balance("v-sun"), "taken once");
        assertEquals(4, stock("stop-a"));
        TallyAudit.assertTalliesMatchRecords(world.table);
    }

    @Test
    void aRefusedRedemptionStoppedBeforeItGaveBackIsUndoneByItsReplay() {
        item("stop-b", 2, 0);
        long balance = world.wiring.points.balance("v-sun");
        Redemptions stopping = redemptionsFailingOn("refund#");
        assertThrows(StorageUnavailableException.class, () -> stopping.redeem(sun(), "stop-b", merchant, "stop-b"));
        assertEquals(balance - 2, world.wiring.points.balance("v-sun"), "stopped holding the points");

        Problem refused = assertThrows(Problem.class,
                () -> world.wiring.redemptions.redeem(sun(), "stop-b", merchant, "stop-b"));
        assertEquals(Problem.Kind.CONFLICT, refused.kind());
        assertThrows(Problem.class, () -> world.wiring.redemptions.redeem(sun(), "stop-b", merchant, "stop-b"));
        assertEquals(balance, world.wiring.points.balance("v-sun"), "given back once");
        assertEquals(0, stock("stop-b"));
    }

    @Test
    void anAbandonedPendingRedemptionIsFinishedOnceByTheScheduleAndItsLateReplayAnswersTheSame() {
        Instant start = world.clock.instant();
        try {
            // The concurrent test may leave a redemption whose call stopped in PENDING: finished here first, it is
            // not counted with this test's own below.
            world.clock.advance(Redemptions.ABANDONED_AFTER.plusSeconds(1));
            world.wiring.redemptions.finishAbandoned();
            item("gone-a", 1, 3);
            long balance = world.wiring.points.balance("v-sun");
            assertThrows(StorageUnavailableException.class,
                    () -> redemptionsFailingOn("take#").redeem(sun(), "gone-a", merchant, "gone-a"));
            String id = Ids.derivedId("rd", sun().sub(), "gone-a");
            world.clock.advance(Redemptions.ABANDONED_AFTER.minusSeconds(1));
            world.wiring.redemptions.finishAbandoned();
            assertEquals(Redemption.State.PENDING, receipt(id).state(), "its call may still be running");
            world.clock.advance(Duration.ofSeconds(2));
            assertEquals(1, world.wiring.redemptions.finishAbandoned());
            Redemption finished = receipt(id);
            assertEquals(Redemption.State.DONE, finished.state());
            assertEquals(0, world.wiring.redemptions.finishAbandoned(), "finished once");
            assertEquals(finished, world.wiring.redemptions.redeem(sun(), "gone-a", merchant, "gone-a"),
                    "the late replay answers the receipt");
            assertEquals(balance - 1, world.wiring.points.balance("v-sun"));
            assertEquals(2, stock("gone-a"));
        } finally {
            world.clock.set(start);
        }
        TallyAudit.assertTalliesMatchRecords(world.table);
    }

    /**
     * Four redemptions of an item with two left, each abandoned holding its points: the schedule finishes them while
     * two clients replay the same keys late, in opposite orders. Two are taken, two refused and given back, each
     * step written once whoever came first.
     */
    @Test
    void theScheduleRacingLateReplaysOfTheSameKeysWritesEveryStepOnce() throws Exception {
        item("race-a", 1, 2);
        long balance = world.wiring.points.balance("v-sun");
        List<String> keys = List.of("race-0", "race-1", "race-2", "race-3");
        Redemptions stopping = redemptionsFailingOn("take#", keys.size());
        keys.forEach(key -> assertThrows(StorageUnavailableException.class,
                () -> stopping.redeem(sun(), key, merchant, "race-a")));
        assertEquals(balance - 4, world.wiring.points.balance("v-sun"), "each stopped holding its points");
        Instant start = world.clock.instant();
        world.clock.advance(Redemptions.ABANDONED_AFTER.plusMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(threads.submit(() -> {
                go.await();
                return world.wiring.redemptions.finishAbandoned();
            }));
            for (List<String> order : List.of(keys, List.of("race-3", "race-2", "race-1", "race-0"))) {
                running.add(threads.submit(() -> {
                    go.await();
                    order.forEach(key -> redeem(sun(), key, "race-a"));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : running) {
                future.get();
            }
            assertEquals(0, world.wiring.redemptions.finishAbandoned(), "none left open");
        } finally {
            threads.shutdown();
            world.clock.set(start);
        }
        List<Redemption.State> states = keys.stream().map(key -> receipt(Ids.derivedId("rd", sun().sub(), key))
                .state()).sorted().toList();
        assertEquals(List.of(Redemption.State.DONE, Redemption.State.DONE, Redemption.State.REFUSED,
                Redemption.State.REFUSED), states);
        assertEquals(balance - 2, world.wiring.points.balance("v-sun"), "two taken, two given back, once each");
        assertEquals(0, stock("race-a"));
        TallyAudit.assertTalliesMatchRecords(world.table); // every step once in every log
    }

    @Test
    void aCorrectionTakingHoursAwayReversesTheirPointsOnce() {
        long before = world.wiring.points.balance("v-li");
        String record = world.pendingRecord("v-li", 6);
        ok(200, world.certify(record, LEADER));
        world.rollup();
        assertEquals(before + 6, world.wiring.points.balance("v-li"));
        String correction = ok(201, world.correct(record, 2.5, LEADER)).get("id").asText();
        ok(200, world.certify(correction, LEADER));
        world.rollup();
        world.rollup();
        assertEquals(before + 3, world.wiring.points.balance("v-li"), "-6, then +3 (2.5 h rounds half up)");
        List<LogEntry> newest = world.wiring.points.statement(Claims.caller(VOLUNTEER_LI), "v-li", null, "2")
                .entries().items();
        assertEquals(List.of("earned", "reversed"), newest.stream().map(LogEntry::kind).toList());
        assertEquals(List.of(correction, record), newest.stream().map(LogEntry::ref).toList());
        TallyAudit.assertTalliesMatchRecords(world.table);
    }

    /**
     * Seeded: 4 threads for 3 seconds or so. One certifies and corrects v-li's hours, one runs the rollup, two
     * redeem with keys drawn from a small pool (so that replays, and twins at the same time, are common) for both
     * volunteers and three items. Then every key is replayed once more, as a client would after a fault.
     */
    @Test
    void underConcurrentCertificationsCorrectionsReplaysAndRedemptionsEveryCountStaysExact() throws Exception {
        long seed = Long.getLong("points.seed", 20261202L);
        Map<String, Integer> stockAtStart = Map.of("p-1", 6, "p-2", 4, "p-3", 3);
        stockAtStart.forEach((item, stock) -> item(item, Integer.parseInt(item.substring(2)), stock));
        Map<String, String> itemOfKey = new ConcurrentHashMap<>();
        Map<String, Caller> callerOfKey = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        running.add(threads.submit(() -> {
            Random random = new Random(seed);
            for (int i = 0; i < 4; i++) {
                String record = world.pendingRecord("v-li", 1 + random.nextInt(4));
                ok(200, world.certify(record, LEADER));
                if (random.nextBoolean()) {
                    String correction = ok(201, world.correct(record, 0.5, LEADER)).get("id").asText();
                    ok(200, world.certify(correction, LEADER));
                }
            }
            done.set(true);
            return null;
        }));
        running.add(threads.submit(() -> {
            while (!done.get()) {
                world.rollup();
            }
            return null;
        }));
        for (int t = 0; t < 2; t++) {
            Random random = new Random(seed + 1 + t);
            running.add(threads.submit(() -> {
                for (int i = 0; i < 24; i++) {
                    String key = "k" + random.nextInt(14);
                    Caller caller = callerOfKey.computeIfAbsent(key, k -> k.hashCode() % 2 == 0 ? wang() : li());
                    String item = itemOfKey.computeIfAbsent(key, k -> "p-" + (1 + Math.floorMod(k.hashCode(), 3)));
                    redeem(caller, key, item);
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        threads.shutdown();
        world.rollup();

        Map<String, Redemption.State> settled = new HashMap<>();
        itemOfKey.forEach((key, item) -> settled.put(key, redeem(callerOfKey.get(key), key, item)));
        TallyAudit.assertTalliesMatchRecords(world.table); // every log exact, never below zero
        for (Map.Entry<String, Redemption.State> outcome : settled.entrySet()) {
            assertEquals(outcome.getValue(), redeem(callerOfKey.get(outcome.getKey()), outcome.getKey(),
                    itemOfKey.get(outcome.getKey())), "a replay answers as the first settlement did");
        }
        for (String item : stockAtStart.keySet()) {
            long doneHere = settled.entrySet().stream().filter(e -> itemOfKey.get(e.getKey()).equals(item)
                    && e.getValue() == Redemption.State.DONE).count();
            assertEquals(stockAtStart.get(item) - doneHere, stock(item), "no redemption lost or doubled: " + item);
        }
        for (String volunteer : List.of("v-wang", "v-li")) {
            List<LogEntry> ledger = world.wiring.points.statement(Claims.caller(ADMIN), volunteer, null, "100")
                    .entries().items();
            for (Map.Entry<String, Redemption.State> outcome : settled.entrySet()) {
                String id = diandan.domain.Ids.derivedId("rd", callerOfKey.get(outcome.getKey()).sub(),
                        outcome.getKey());
                long taken = ledger.stream().filter(e -> e.op().equals("redeem#" + id)).count();
                long back = ledger.stream().filter(e -> e.op().equals("refund#" + id)).count();
                if (callerOfKey.get(outcome.getKey()).volunteerId().equals(volunteer)) {
                    assertEquals(outcome.getValue() == Redemption.State.DONE ? 1 : taken, taken + back
                            - (outcome.getValue() == Redemption.State.DONE ? 0 : back), id);
                    assertTrue(outcome.getValue() == Redemption.State.DONE ? taken == 1 && back == 0 : taken == back,
                            id + " " + outcome.getValue() + ": taken " + taken + ", given back " + back);
                }
            }
        }
    }

    private static Redemption.State redeem(Caller caller, String key, String item) {
        try {
            return world.wiring.redemptions.redeem(caller, key, merchant, item).state();
        } catch (Problem refused) {
            assertEquals(Problem.Kind.CONFLICT, refused.kind(), refused.getMessage());
            return Redemption.State.REFUSED;
        }
    }

    private static Redemption receipt(String id) {
        return world.wiring.redemptions.receipt(Claims.caller(ADMIN), id).redemption();
    }

    private static Caller wang() {
        return Claims.caller(VOLUNTEER_WANG);
    }

    /** v-sun redeems only in the tests that stop half way, so that the property's spending leaves them points. */
    private static Caller sun() {
        return Claims.caller(HoursWorld.CO_LEADER);
    }

    private static Caller li() {
        return Claims.caller(VOLUNTEER_LI);
    }

    private static void item(String item, int points, int stock) {
        world.wiring.merchants.putItem(Claims.caller(ADMIN), merchant, item, item, points, stock);
    }

    private static long stock(String item) {
        return world.wiring.merchants.offers(merchant).stream().filter(o -> o.item().itemId().equals(item))
                .findFirst().orElseThrow().stock();
    }

    /** The wiring's redemptions, on logs that fail (as storage does) the first write of a step of this kind. */
    private static Redemptions redemptionsFailingOn(String step) {
        return redemptionsFailingOn(step, 1);
    }

    /** As above, failing the first {@code times} such writes. */
    private static Redemptions redemptionsFailingOn(String step, int times) {
        DynamoCountLog logs = new DynamoCountLog(world.table.client(), world.table.name(), Merchants::readTogether);
        AtomicInteger failed = new AtomicInteger();
        CountLog failing = new CountLog() {
            @Override
            public List<LogEntry> newestFirst(String log, Long below, int limit) {
                return logs.newestFirst(log, below, limit);
            }

            @Override
            public Map<String, Long> totals(java.util.Collection<String> names) {
                return logs.totals(names);
            }

            @Override
            public boolean append(String log, LogEntry entry) {
                if (entry.op().startsWith(step) && failed.getAndIncrement() < times) {
                    throw new StorageUnavailableException("stopped before " + entry.op(), null);
                }
                return logs.append(log, entry);
            }
        };
        ExactCount count = new ExactCount(failing, world.clock);
        Merchants merchants = new Merchants(new DynamoMerchantStore(world.table.client(), world.table.name()), count,
                world.wiring.base.registry, world.clock);
        diandan.app.points.PointsAccounts accounts = new diandan.app.points.PointsAccounts(count, failing,
                world.wiring.roster, world.wiring.base.registry);
        return new Redemptions(new DynamoRedemptionStore(world.table.client(), world.table.name()), merchants,
                accounts, world.wiring.pointsRule, world.wiring.stars, world.wiring.tallyStore,
                world.wiring.base.registry, Redemptions.RANDOM_CODES, world.clock);
    }
}
