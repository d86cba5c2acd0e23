package diandan.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.adapter.Wiring;
import diandan.adapter.log.Log;
import diandan.app.escalation.Sweeper;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.EmbeddedMetrics;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Alert;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.TimelineEntry;
import diandan.port.StorageUnavailableException;
import diandan.port.escalation.AlertPublisher;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The sweeper as Lambda runs it: the schedule events of {@code events/}, "now" taken from their time. */
@ExtendWith(DynaliteExtension.class)
class EscalationHandlerTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller RESIDENT = new Caller("resident-zhang", Set.of(Role.RESIDENT), null, null, null);
    final List<String> logLines = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreLog() {
        Log.sink(System.out::println);
    }

    private ServiceRequest submitAt(LocalTable table, Instant at) {
        Wiring intake = new Wiring(table.client(), table.name(), new MutableClock(at));
        return intake.intake.submit(RESIDENT, new NewRequest("elderly_care", "每周代购生活用品", "xinbei", "新北社区3号楼",
                "张桂兰", "13812345678", "mini_program", null, null), null).request();
    }

    @Test
    void theNextDayTickEscalatesAllThreePromisesOnceAndPublishesTheAlerts(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        ServiceRequest request = submitAt(table, SUBMITTED);
        List<Alert> published = new CopyOnWriteArrayList<>();
        EscalationHandler handler = new EscalationHandler(table.client(), table.name(), Fixtures.PRESENT,
                published::add, Sweeper.Limits.STANDARD);
        Log.sink(logLines::add);

        Map<String, Object> minuteLater = handler.handleRequest(ApiEvents.schedule("schedule-tick.json"), null);
        assertEquals("2026-11-28T09:31:00Z", minuteLater.get("now"));
        assertEquals(0, minuteLater.get("escalated"));

        Map<String, Object> nextDay = handler.handleRequest(ApiEvents.schedule("schedule-tick-next-day.json"), null);
        assertEquals(3, nextDay.get("escalated"), nextDay.toString());
        assertEquals(3, nextDay.get("alertsRaised"));
        assertEquals(true, nextDay.get("caughtUp"));
        assertEquals("2026-11-29T09:00:00Z", nextDay.get("watermark"));
        ServiceRequest escalated = new Wiring(table.client(), table.name(), Fixtures.PRESENT).requests
                .find(request.id()).orElseThrow();
        assertEquals(List.of("level 1", "level 2", "level 3"), escalated.timeline().stream()
                .filter(e -> e.type().equals("escalated")).map(e -> e.note().substring(0, 7)).toList());
        assertTrue(escalated.timeline().stream().filter(e -> e.type().equals("escalated")).map(TimelineEntry::at)
                .allMatch(Instant.parse("2026-11-29T09:31:00Z")::equals));
        assertEquals(Set.of(1, 2, 3), published.stream().filter(a -> a.requestId().equals(request.id()))
                .map(Alert::level).filter(level -> level > 0).collect(Collectors.toSet()), "besides any unrouted alert");

        Map<String, Object> again = handler.handleRequest(ApiEvents.schedule("schedule-tick-next-day.json"), null);
        assertEquals(0, again.get("escalated"), "EventBridge delivered the same tick twice: nothing more happens");
        assertEquals(0, again.get("alertsPublished"));

        assertTrue(logLines.stream().anyMatch(l -> l.contains("\"message\":\"swept\"")
                && l.contains("\"requestId\":\"5d8c7c4e-1f0a-4b7e-9c1e-000000000002\"")), logLines.toString());
        assertFalse(logLines.stream().anyMatch(l -> l.contains("13812345678") || l.contains("张桂兰")
                || l.contains("新北社区3号楼")), "no personal data in the logs");
    }

    @Test
    void theSweepsLineRecordsItsLagAndEscalationsByLevelAsEmbeddedMetrics(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        submitAt(table, SUBMITTED);
        Instant wallNow = Instant.parse("2026-11-29T09:31:05Z");
        EscalationHandler handler = new EscalationHandler(table.client(), table.name(), new MutableClock(wallNow),
                AlertPublisher.NONE, Sweeper.Limits.STANDARD);
        Log.sink(logLines::add);
        handler.handleRequest(ApiEvents.schedule("schedule-tick-next-day.json"), null);

        String swept = logLines.stream().filter(l -> l.contains("\"message\":\"swept\"")).findFirst().orElseThrow();
        Map<String, Double> recorded = EmbeddedMetrics.recorded(swept).stream().peek(r ->
                assertEquals(Map.of("function", "EscalationFunction"), r.dimensions()))
                .collect(Collectors.toMap(EmbeddedMetrics.Recorded::name, EmbeddedMetrics.Recorded::value));
        assertEquals(1.0, recorded.get("escalatedLevel1"));
        assertEquals(1.0, recorded.get("escalatedLevel2"));
        assertEquals(1.0, recorded.get("escalatedLevel3"));
        assertEquals((double) java.time.Duration.between(SUBMITTED.plus(java.time.Duration.ofMinutes(15)), wallNow)
                .toSeconds(), recorded.get("sweepLagSeconds"), "since the oldest deadline escalated: the respond clock's");
    }

    @Test
    void aFailedPublicationKeepsTheAlertsForTheNextSweep(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        submitAt(table, SUBMITTED);
        Log.sink(logLines::add);
        AlertPublisher topicDown = alert -> {
            throw new IllegalStateException("SNS unavailable");
        };
        Map<String, Object> failed = new EscalationHandler(table.client(), table.name(), Fixtures.PRESENT, topicDown,
                Sweeper.Limits.STANDARD).handleRequest(ApiEvents.schedule("schedule-tick-next-day.json"), null);
        assertEquals(3, failed.get("alertsRaised"));
        assertEquals(0, failed.get("alertsPublished"));
        assertTrue(logLines.stream().anyMatch(l -> l.contains("publishing alerts failed")));

        List<Alert> published = new ArrayList<>();
        ScheduledEvent nextMinute = ApiEvents.schedule("schedule-tick-next-day.json");
        nextMinute.setTime(nextMinute.getTime().plusMinutes(1));
        Map<String, Object> recovered = new EscalationHandler(table.client(), table.name(), Fixtures.PRESENT,
                published::add, Sweeper.Limits.STANDARD).handleRequest(nextMinute, null);
        assertEquals(0, recovered.get("escalated"));
        assertTrue((int) recovered.get("alertsPublished") >= 3, recovered.toString());
        assertEquals(Set.of(1, 2, 3), published.stream().map(Alert::level).filter(l -> l > 0).collect(Collectors.toSet()));
    }

    @Test
    void anEventWithoutATimeIsRefused(LocalTable table) {
        ScheduledEvent event = ApiEvents.schedule("schedule-tick.json");
        event.setTime(null);
        EscalationHandler handler = new EscalationHandler(table.client(), table.name(), Fixtures.PRESENT,
                AlertPublisher.NONE, Sweeper.Limits.STANDARD);
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(event, null));
    }

    @Test
    void anUnreachableStoreFailsTheInvocationSoThatEventBridgeRetriesIt() {
        Log.sink(logLines::add);
        try (DynamoDbClient unreachable = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + Dynalite.freePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            EscalationHandler handler = new EscalationHandler(unreachable, "nowhere", Fixtures.PRESENT,
                    AlertPublisher.NONE, Sweeper.Limits.STANDARD);
            assertThrows(StorageUnavailableException.class,
                    () -> handler.handleRequest(ApiEvents.schedule("schedule-tick.json"), null));
        }
        assertTrue(logLines.stream().anyMatch(l -> l.contains("storage unavailable")), logLines.toString());
    }
}
