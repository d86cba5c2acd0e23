package diandan.intake;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.dynamodb.DynamoResidentSlotRepository;
import diandan.adapter.json.Json;
import diandan.app.request.ResidentLimits;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Channel;
import diandan.domain.SubmissionLimits;

/**
 * The per-resident limits hold under real concurrency: parallel submissions of one resident race for the last
 * slots and exactly the limit's worth get through; retries of one submission hold one slot; a slot whose
 * request was never written comes back once no call can still write it.
 */
@ExtendWith(DynaliteExtension.class)
class ConcurrentSubmissionLimitsTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T09:30:00Z"));
    static LocalTable table;
    static IntakeHandler standard;
    static IntakeHandler hourBound;
    static IntakeHandler small;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        standard = IntakeFixture.handler(table, CLOCK, SubmissionLimits.DEFAULT);
        hourBound = IntakeFixture.handler(table, CLOCK, new SubmissionLimits(100, 20));
        small = IntakeFixture.handler(table, CLOCK, new SubmissionLimits(3, 5));
    }

    static APIGatewayV2HTTPResponse submit(IntakeHandler handler, String resident, String key) {
        return handler.handleRequest(withHeader(as(ApiEvents.load("submit-request.json"), ApiEvents.resident(resident)),
                "Idempotency-Key", key), null);
    }

    /** {@code n} submissions sent at once, each with the key {@code keys} gives it: how many got which status. */
    static Map<Integer, Integer> inParallel(IntakeHandler handler, String resident, int n, IntFunction<String> keys)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String key = keys.apply(i);
                calls.add(pool.submit(() -> {
                    start.await();
                    return submit(handler, resident, key);
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<APIGatewayV2HTTPResponse> call : calls) {
                statuses.merge(call.get().getStatusCode(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenParallelSubmissionsOfANewResidentGetExactlyTheTenOpenSlots() throws Exception {
        assertEquals(Map.of(201, 10, 429, 6), inParallel(standard, "burst-resident", 16, i -> "burst-" + i));
    }

    @Test
    void eightInSequenceThenSixteenInParallelGetExactlyTwentyInTheHour() throws Exception {
        for (int i = 0; i < 8; i++) {
            APIGatewayV2HTTPResponse created = submit(hourBound, "hourly-resident", "sequence-" + i);
            assertEquals(201, created.getStatusCode(), created.getBody());
        }
        assertEquals(Map.of(201, 12, 429, 4), inParallel(hourBound, "hourly-resident", 16, i -> "parallel-" + i));
    }

    @Test
    void retriesOfOneSubmissionHoldOneSlot() throws Exception {
        assertEquals(Map.of(201, 8), inParallel(small, "retrying-resident", 8, i -> "the-same-key"));
        assertEquals(201, submit(small, "retrying-resident", "second").getStatusCode());
        assertEquals(201, submit(small, "retrying-resident", "third").getStatusCode());
        assertEquals(429, submit(small, "retrying-resident", "fourth").getStatusCode());
    }

    @Test
    void cancellingGivesTheOpenSlotBackEvenAfterARace() throws Exception {
        assertEquals(Map.of(201, 3, 429, 5), inParallel(small, "cancelling-resident", 8, i -> "race-" + i));
        // a retry of a refused one is refused again; of an accepted one, answered with its request
        String id = null;
        for (int i = 0; id == null; i++) {
            APIGatewayV2HTTPResponse retried = submit(small, "cancelling-resident", "race-" + i);
            id = retried.getStatusCode() == 201 ? Json.read(retried.getBody()).get("id").asText() : null;
        }
        assertEquals(429, submit(small, "cancelling-resident", "one-more").getStatusCode());
        APIGatewayV2HTTPResponse cancelled = small.handleRequest(withPath(as(ApiEvents.load("cancel-request.json"),
                ApiEvents.resident("cancelling-resident")), "id", id), null);
        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        assertEquals(201, submit(small, "cancelling-resident", "one-more").getStatusCode());
    }

    @Test
    void slotsTakenForRequestsNeverWrittenComeBackOnceNoCallCanStillWriteThem() throws Exception {
        // three submissions that stopped after taking their slots, before writing their requests
        ResidentLimits crashed = new ResidentLimits(new SubmissionLimits(3, 5),
                new DynamoResidentSlotRepository(table.client(), table.name()),
                new DynamoRequestRepository(table.client(), table.name()));
        for (int i = 0; i < 3; i++) {
            crashed.take("crashed-resident", Channel.APP, "r-never-written-" + i, CLOCK.instant());
        }
        assertEquals(429, submit(small, "crashed-resident", "after-the-crash").getStatusCode(),
                "a call that took a slot moments ago may still be writing its request");
        CLOCK.advance(Duration.ofMinutes(16));
        APIGatewayV2HTTPResponse healed = submit(small, "crashed-resident", "after-the-crash");
        assertEquals(201, healed.getStatusCode(), healed.getBody());
        assertEquals(Map.of(201, 2, 429, 6), inParallel(small, "crashed-resident", 8, i -> "then-" + i),
                "the slots that came back, and no more");
    }
}
