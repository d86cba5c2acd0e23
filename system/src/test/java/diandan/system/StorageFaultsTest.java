package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.dynamodb.RequestItems;
import diandan.adapter.log.Log;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.hours.TallyAudit;
import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store fails in the middle of an operation, at each of its writes in turn: stopped, slowed past the SDK's
 * attempt timeout, or throttling. A sample of state-changing routes of every function answers 503 with
 * Retry-After; the client's retry of the same request then completes it exactly once (its effects on the table
 * are those of one clean run of the same call: no item left half-changed, none changed twice); the teams' loads
 * count exactly their open requests throughout. A write that lands but whose answer is lost, so that the SDK
 * sends it again, leaves the call's answer and effects those of a clean call. The sweeper and the hours rollup, failing at one write after
 * another, resume on the next invocation without losing or repeating anything.
 *
 * <p>The handlers run on a client with the production timeouts ({@link DynamoDb#overrides}) and the SDK's
 * standard retries, minus the waits between attempts, which only make a test slow.
 */
class StorageFaultsTest {
    /** A state-changing call: its event file, what it acts on, who sends it, and its Idempotency-Key if it takes one. */
    record Call(String file, Subject subject, Who who, boolean keyed, UnaryOperator<APIGatewayV2HTTPEvent> vary) {
        Call(String file, Subject subject, Who who, boolean keyed) {
            this(file, subject, who, keyed, UnaryOperator.identity());
        }

        String route() {
            return ApiEvents.load(file).getRouteKey();
        }

        /** A new call, on a new subject, as a client sends it (a retry sends the same event again). */
        APIGatewayV2HTTPEvent fresh(World world) {
            String owner = world.newResident();
            APIGatewayV2HTTPEvent event = vary.apply(subject.prepare(world, owner, ApiEvents.load(file)));
            if (keyed) {
                ApiEvents.withHeader(event, "Idempotency-Key", UUID.randomUUID().toString());
            }
            return ApiEvents.as(event, who.claims(owner));
        }
    }

    static final AtomicInteger CLOCK_CHANGES = new AtomicInteger();
    /** A sample of the state-changing routes of every function that has any. */
    static final List<Call> SAMPLE = List.of(
            new Call("submit-request.json", Subject.FILE, Who.OWNER, true),
            new Call("cancel-request.json", Subject.DISPATCHED, Who.OWNER, false),
            new Call("accept-request.json", Subject.DISPATCHED, Who.SERVING_LEADER, false),
            new Call("decline-request.json", Subject.DISPATCHED, Who.SERVING_LEADER, false),
            new Call("reply-request.json", Subject.ACCEPTED, Who.SERVING_LEADER, false),
            new Call("dispatch-request.json", Subject.DISPATCHED, Who.AREA_DISPATCHER, false),
            new Call("create-volunteer.json", Subject.FILE, Who.ADMIN, true),
            new Call("post-volunteer-trainings.json", Subject.VOLUNTEER, Who.SERVING_LEADER, true),
            new Call("ack-alert.json", Subject.ALERT, Who.AREA_DISPATCHER, false),
            new Call("put-channel-clocks.json", Subject.FILE, Who.DEPLOYMENT_ADMIN, false,
                    event -> ApiEvents.withBody(event, "{\"clocks\": {\"respondMinutes\": "
                            + (10 + CLOCK_CHANGES.incrementAndGet() % 50)
                            + ", \"replyMinutes\": 60, \"resolveMinutes\": 1440}}")),
            new Call("record-hours.json", Subject.HOURS_FOR_RESOLVED, Who.SERVING_LEADER, true),
            new Call("certify-hours.json", Subject.PENDING_RECORD, Who.AREA_DISPATCHER, false),
            new Call("correct-hours.json", Subject.PENDING_RECORD, Who.SERVING_LEADER, false),
            new Call("dispute-hours.json", Subject.PENDING_RECORD, Who.VOLUNTEER, false),
            new Call("create-activity.json", Subject.FILE, Who.SERVING_LEADER, true),
            new Call("create-session.json", Subject.CARE_ACTIVITY, Who.SERVING_LEADER, true),
            new Call("sign-up-session.json", Subject.SESSION, Who.OTHER_LEADER, false),
            new Call("cancel-sign-up.json", Subject.SESSION, Who.VOLUNTEER, false),
            new Call("check-out.json", Subject.CHECKED_IN, Who.VOLUNTEER, false),
            new Call("certify-session.json", Subject.CHECKED_OUT, Who.SERVING_LEADER, false),
            new Call("put-my-notifications.json", Subject.FILE, Who.OWNER, false));
    /** Slowing costs the SDK's whole call timeout: two routes show it, each at its last write. */
    static final Set<String> SLOWED = Set.of("accept-request.json", "record-hours.json");

    static Path data;
    static int port;
    static volatile Dynalite engine;
    static LocalTable table;
    static World world;
    static DynamoDbClient faultyClient;
    static StoreProbe faults;
    static Deployment deployment;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("dynalite-faults");
        engine = Dynalite.start(data);
        port = engine.port();
        table = newTable();
        world = new World(table);
        faults = StoreProbe.on(table).stoppingEngineWith(() -> engine.close())
                .slowing(DynamoDb.ATTEMPT_TIMEOUT.plusMillis(500)).build();
        faultyClient = DynamoDbClient.builder()
                .endpointOverride(engine.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(DynamoDb.ATTEMPT_TIMEOUT).build())
                .overrideConfiguration(DynamoDb.overrides()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .circuitBreakerEnabled(false)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build())
                        .addExecutionInterceptor(faults).build())
                .build();
        deployment = new Deployment(Template.load(), faultyClient, table.name(), world.hours.clock);
    }

    static LocalTable newTable() {
        String name = "faults" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), name);
        return new LocalTable(engine, engine.client(), name);
    }

    @AfterAll
    static void stop() throws IOException {
        faultyClient.close();
        engine.client().close();
        engine.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theSampleHasAStateChangingRouteOfEveryFunction() {
        Set<String> sampled = SAMPLE.stream().map(Call::route).collect(Collectors.toSet());
        Map<String, Set<String>> routesByFunction = Template.load().routes().stream().collect(Collectors.groupingBy(
                Template.Route::functionId, Collectors.mapping(Template.Route::routeKey, Collectors.toSet())));
        routesByFunction.forEach((function, routes) -> assertTrue(routes.stream().anyMatch(sampled::contains),
                function + " has no route in the sample: add one of " + routes));
    }

    @TestFactory
    Stream<DynamicTest> aFaultAtAnyWriteIsA503AndTheRetryCompletesTheCallOnce() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : SAMPLE) {
            tests.add(DynamicTest.dynamicTest(call.route() + " (" + call.file() + ")", () -> {
                Clean clean = cleanRun(call);
                for (int write = 1; write <= clean.writes(); write++) {
                    faultyRun(call, StoreProbe.Fault.THROTTLED, write, clean.effects());
                    answerLostRun(call, write, clean.effects());
                }
                faultyRun(call, StoreProbe.Fault.STOPPED, clean.writes(), clean.effects());
                if (SLOWED.contains(call.file())) {
                    faultyRun(call, StoreProbe.Fault.SLOWED, clean.writes(), clean.effects());
                }
            }));
        }
        return tests.stream();
    }

    /**
     * The sweeper's tick fails at one write after another (EventBridge delivers it again after each failure),
     * then runs clean: every missed deadline of every request is escalated once, with one alert per level, the
     * loads follow the re-routing, and the tick delivered once more finds nothing left to do.
     */
    @Test
    void theSweeperFailingAtWriteAfterWriteResumesAndEscalatesEveryDeadlineOnce() throws Exception {
        World district = new World(newTable());
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(district.dispatchedRequest(district.newResident()));
        }
        Deployment functions = new Deployment(Template.load(), faultyClient, district.table.name(),
                district.hours.clock);
        ScheduledEvent nextDay = ApiEvents.schedule("schedule-tick-next-day.json");
        List<String> outcomes = new ArrayList<>();
        for (FaultAt fault : List.of(new FaultAt(StoreProbe.Fault.THROTTLED, 3), new FaultAt(StoreProbe.Fault.STOPPED, 6),
                new FaultAt(StoreProbe.Fault.THROTTLED, 1), new FaultAt(StoreProbe.Fault.THROTTLED, 9))) {
            outcomes.add(fault + ": " + invokeWithFault(functions, "EscalationFunction", nextDay, fault));
        }
        faults.disarm();
        functions.invoke("EscalationFunction", nextDay);
        assertTrue(outcomes.stream().allMatch(o -> o.endsWith("failed")), "each fault struck: " + outcomes);

        for (String id : requests) {
            ServiceRequest request = district.hours.wiring.base.requests.find(id).orElseThrow();
            List<String> levels = request.timeline().stream().filter(e -> e.type().equals("escalated"))
                    .map(e -> e.note().substring(0, "level N".length())).sorted().toList();
            assertEquals(List.of("level 1", "level 2", "level 3"), levels, id + ": each level once");
            List<Integer> alerts = TableSnapshot.of(district.table).items().values().stream()
                    .filter(item -> "alert".equals(item.getOrDefault("type", NONE).s()) && id.equals(item.get("requestId").s()))
                    .map(item -> Integer.parseInt(item.get("level").n())).filter(level -> level > 0).sorted().toList();
            assertEquals(List.of(1, 2, 3), alerts, id + ": one alert per level");
        }
        TableSnapshot swept = TableSnapshot.of(district.table);
        assertEquals(List.of(), swept.loadMismatches(), "the loads follow the re-routing of the silent team");
        functions.invoke("EscalationFunction", nextDay);
        assertEquals(List.of(), TableSnapshot.of(district.table).changesSince(swept), "the same tick again changes nothing");
    }

    /**
     * The hours rollup fails at one write after another, each run on the next schedule, then runs clean: every
     * tally equals the sum of the certified records (nothing lost, nothing added twice).
     */
    @Test
    void theRollupFailingAtWriteAfterWriteResumesAndCountsEveryRecordOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPEvent certify = Subject.PENDING_RECORD.prepare(world, world.newResident(),
                    ApiEvents.load("certify-hours.json"));
            faults.disarm();
            assertEquals(200, deployment.call(ApiEvents.as(certify, Who.AREA_DISPATCHER.claims(null))).getStatusCode());
        }
        ScheduledEvent tick = ApiEvents.schedule("hours-rollup-tick.json");
        List<String> outcomes = new ArrayList<>();
        for (FaultAt fault : List.of(new FaultAt(StoreProbe.Fault.THROTTLED, 2), new FaultAt(StoreProbe.Fault.THROTTLED, 9),
                new FaultAt(StoreProbe.Fault.STOPPED, 30), new FaultAt(StoreProbe.Fault.THROTTLED, 4))) {
            // the next run comes with the next schedule, after any lease a failed run could not give back
            world.hours.clock.advance(Duration.ofMinutes(5));
            outcomes.add(fault + ": " + invokeWithFault(deployment, "HoursFunction", tick, fault));
        }
        faults.disarm();
        world.hours.clock.advance(Duration.ofMinutes(5));
        deployment.invoke("HoursFunction", tick);
        assertTrue(outcomes.stream().anyMatch(o -> o.endsWith("failed")), "faults struck: " + outcomes);
        TallyAudit.assertTalliesMatchRecords(table);
    }

    /**
     * The engine stops right after it has stored a submission's request, before the answer comes back: the call
     * cannot know whether the request is stored, and says so (a retry with its key is safe) instead of "nothing
     * was changed". What the stored request implies (its team's load, or the unrouted alert) does not wait for
     * the client's retry: the next run of the schedule settles it, once; the retry then returns the stored
     * request and changes nothing. A fault at the first writes, made together (the note, the resident's slots),
     * says "nothing was changed" only when none of the others landed.
     */
    @Test
    void aSubmissionWhoseRequestLandsUnheardIsAnsweredUnknownAndSettledByTheSchedule() throws Exception {
        World district = new World(newTable());
        Deployment functions = new Deployment(Template.load(), faultyClient, district.table.name(),
                district.hours.clock);
        ScheduledEvent tick = ApiEvents.schedule("schedule-tick.json");
        for (String body : List.of(SUBMIT_UNROUTABLE, SUBMIT_ROUTED)) {
            String owner = district.newResident();
            APIGatewayV2HTTPEvent submit = ApiEvents.as(ApiEvents.withHeader(ApiEvents.withBody(
                    ApiEvents.load("submit-request.json"), body), "Idempotency-Key", UUID.randomUUID().toString()),
                    Who.OWNER.claims(owner));

            faults.failAt(StoreProbe.Fault.THROTTLED, 1);
            APIGatewayV2HTTPResponse refused = functions.call(submit);
            faults.disarm();
            assertEquals(503, refused.getStatusCode(), refused.getBody());
            assertTrue(refused.getBody().contains("nothing was changed") || refused.getBody().contains(
                    "the outcome is unknown; retrying with the same Idempotency-Key is safe"), refused.getBody());

            TableSnapshot before = TableSnapshot.of(district.table);
            // the note of the pending settlement and the resident's slots (its two writes without a read, one of
            // which is refused), written with the reads, then the request
            faults.failAt(StoreProbe.Fault.LANDED_THEN_STOPPED, 4);
            APIGatewayV2HTTPResponse unknown = functions.call(submit);
            faults.disarm();
            engine = Dynalite.start(port, data);
            assertEquals(503, unknown.getStatusCode(), unknown.getBody());
            assertTrue(unknown.getBody().contains("the outcome is unknown; retrying with the same Idempotency-Key is safe"),
                    unknown.getBody());
            List<ServiceRequest> stored = TableSnapshot.of(district.table).items().entrySet().stream()
                    .filter(item -> item.getKey().startsWith("REQ#") && !before.items().containsKey(item.getKey()))
                    .map(item -> RequestItems.fromItem(item.getValue())).toList();
            assertEquals(1, stored.size(), "the request landed");
            String id = stored.get(0).id();

            boolean unrouted = stored.get(0).status() == RequestStatus.UNROUTED;
            TableSnapshot unsettled = TableSnapshot.of(district.table);
            assertEquals(unrouted, unsettled.loadMismatches().isEmpty(), body + ": a load is behind, or an alert missing");
            assertEquals(0, alertsOf(unsettled, id), body);

            district.hours.clock.advance(Duration.ofMinutes(2));
            functions.invoke("EscalationFunction", tick);
            TableSnapshot settled = TableSnapshot.of(district.table);
            assertEquals(List.of(), settled.loadMismatches(), body + ": the team's load counts it");
            assertEquals(unrouted ? 1 : 0, alertsOf(settled, id), body + ": the unrouted alert, raised by the schedule");
            assertTrue(settled.items().keySet().stream().noneMatch(key -> key.startsWith("SETTLE")),
                    "nothing left to settle");
            functions.invoke("EscalationFunction", tick);
            assertEquals(List.of(), TableSnapshot.of(district.table).changesSince(settled), "settled once");

            APIGatewayV2HTTPResponse retried = functions.call(submit);
            assertEquals(201, retried.getStatusCode(), retried.getBody());
            assertTrue(retried.getBody().contains(id), "the stored request");
            // the retry notes the creation again, as every submission does, and the schedule takes the note out
            district.hours.clock.advance(Duration.ofMinutes(2));
            functions.invoke("EscalationFunction", tick);
            assertEquals(List.of(), TableSnapshot.of(district.table).changesSince(settled), "the retry doubles nothing");
        }
    }

    static long alertsOf(TableSnapshot snapshot, String requestId) {
        return snapshot.items().values().stream().filter(item -> "alert".equals(item.getOrDefault("type", NONE).s())
                && requestId.equals(item.get("requestId").s())).count();
    }

    static final String SUBMIT_UNROUTABLE = "{\"category\": \"home_repair\", \"description\": \"需要帮助\", "
            + "\"communityId\": \"changqing-shihua\", \"address\": \"3号楼2单元\", \"contactName\": \"张桂兰\", "
            + "\"contactPhone\": \"13812345678\", \"channel\": \"app\"}";
    static final String SUBMIT_ROUTED = SUBMIT_UNROUTABLE.replace("home_repair", "elderly_care")
            .replace("changqing-shihua", "xinbei");

    private static final AttributeValue NONE = AttributeValue.fromS("");

    record FaultAt(StoreProbe.Fault kind, int write) {
        @Override
        public String toString() {
            return kind + " at write " + write;
        }
    }

    /**
     * One invocation of a schedule event with a fault armed: "failed" when it struck, the invocation failed (for
     * EventBridge to deliver it again) and the failure was logged with the event's id.
     */
    static String invokeWithFault(Deployment functions, String functionId, ScheduledEvent event, FaultAt fault)
            throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Log.sink(logged::add);
        faults.failAt(fault.kind(), fault.write());
        try {
            functions.invoke(functionId, event);
            return faults.struck() ? "struck, yet succeeded" : "done before the fault";
        } catch (StorageUnavailableException failed) {
            boolean reported = logged.stream().anyMatch(line -> line.contains("\"level\":\"ERROR\"")
                    && line.contains("\"requestId\":\"" + event.getId() + "\""));
            return !faults.struck() ? "failed without the fault" : reported ? "failed" : "failed without a log line";
        } finally {
            boolean stopped = fault.kind() == StoreProbe.Fault.STOPPED && faults.struck();
            faults.disarm();
            Log.sink(System.out::println);
            if (stopped) {
                engine = Dynalite.start(port, data);
            }
        }
    }

    /** What one clean run of the call writes (how many writes, which effects): the second of two, as in steady use. */
    record Clean(int writes, List<String> effects) {
    }

    static Clean cleanRun(Call call) {
        Clean clean = null;
        for (int run = 0; run < 2; run++) {
            APIGatewayV2HTTPEvent event = call.fresh(world);
            TableSnapshot before = TableSnapshot.of(table);
            faults.disarm();
            APIGatewayV2HTTPResponse response = deployment.call(event);
            assertTrue(response.getStatusCode() < 300, call.file() + " without faults: " + response.getBody());
            clean = new Clean(faults.writes(), TableSnapshot.of(table).effectsSince(before));
        }
        assertTrue(clean.writes() > 0, call.file() + " writes nothing");
        return clean;
    }

    /** The write lands, its answer is lost, the SDK sends it again: the call answers as a clean one and does it once. */
    static void answerLostRun(Call call, int write, List<String> cleanEffects) {
        String run = call.file() + ", the answer of write " + write + " lost";
        APIGatewayV2HTTPEvent event = call.fresh(world);
        TableSnapshot before = TableSnapshot.of(table);
        faults.failAt(StoreProbe.Fault.ANSWER_LOST, write);
        APIGatewayV2HTTPResponse response = deployment.call(event);
        faults.disarm();
        assertTrue(response.getStatusCode() < 300, run + ": " + response.getBody());
        TableSnapshot after = TableSnapshot.of(table);
        assertEquals(cleanEffects, after.effectsSince(before), run + ": what one clean call does");
        assertEquals(List.of(), after.loadMismatches(), run + ": loads");
    }

    static void faultyRun(Call call, StoreProbe.Fault kind, int write, List<String> cleanEffects) throws IOException {
        String run = call.file() + ", " + kind + " at write " + write;
        APIGatewayV2HTTPEvent event = call.fresh(world);
        TableSnapshot before = TableSnapshot.of(table);
        faults.failAt(kind, write);
        APIGatewayV2HTTPResponse failed = deployment.call(event);
        boolean struck = faults.struck();
        faults.disarm();
        if (!struck) {
            // this call made fewer writes than its clean twin (routing went elsewhere): it was a clean call
            assertTrue(failed.getStatusCode() < 300, run + ", not struck: " + failed.getBody());
            assertEquals(cleanEffects, TableSnapshot.of(table).effectsSince(before), run + ", not struck");
            return;
        }
        if (kind == StoreProbe.Fault.STOPPED) {
            engine = Dynalite.start(port, data);
        }
        assertEquals(503, failed.getStatusCode(), run + ": " + failed.getBody());
        assertEquals("2", failed.getHeaders().get("Retry-After"), run);
        assertEquals("application/problem+json", failed.getHeaders().get("Content-Type"), run);

        APIGatewayV2HTTPResponse retried = deployment.call(event);
        int status = retried.getStatusCode();
        assertTrue(status < 300 || (status == 409 && !call.keyed()), run + ", retried: " + retried.getBody());
        TableSnapshot after = TableSnapshot.of(table);
        assertEquals(cleanEffects, after.effectsSince(before), run + ": the fault and the retry did what one clean "
                + "call does");
        assertEquals(List.of(), after.loadMismatches(), run + ": loads after the retry");
    }
}
