package diandan.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.joda.time.DateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.Environment;
import diandan.adapter.Wiring;
import diandan.adapter.events.EventDetail;
import diandan.adapter.json.Json;
import diandan.app.registry.DemoRegistry;
import diandan.app.request.NewRequest;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.PrivateDataAudit;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;

/**
 * The handler as the bus's rule invokes it: a desk event from the bus tells the request's team leader, a
 * repeated event tells nobody again, a malformed one is logged and let go, and the schedule's tick releases
 * held messages. With {@code NOTIFY_RECORD_FILE} set (the local stack) every message lands in that file as one
 * JSON line, the phone masked.
 */
@ExtendWith(DynaliteExtension.class)
class NotifierHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller OPERATOR = new Caller("dispatcher-notify", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);

    LocalTable table;
    MutableClock clock;
    final List<DomainEvent> published = new ArrayList<>();
    ServiceRequest request;

    @BeforeEach
    void setUp(LocalTable table) {
        this.table = table;
        DemoRegistry.loadInto(table);
        clock = new MutableClock(NOW);
        Wiring desk = new Wiring(table.client(), table.name(), clock, published::addAll);
        request = desk.intake.submit(OPERATOR, new NewRequest("home_repair", "需要帮助", "xinbei", "3号楼2单元",
                "张桂兰", "13812345678", "hotline", null, null), null).request();
        desk.dispatch.accept(new Caller("leader", EnumSet.of(Role.TEAM_LEADER), request.teamId(), null, null),
                request.id(), null);
    }

    static ScheduledEvent busEvent(DomainEvent event) {
        ScheduledEvent bus = new ScheduledEvent();
        bus.setId("bus-" + event.id());
        bus.setSource(EventDetail.SOURCE);
        bus.setDetailType(event.type().code());
        bus.setTime(new DateTime(event.at().toEpochMilli()));
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        EventDetail.of(event).fields().forEachRemaining(field -> detail.put(field.getKey(),
                field.getValue().isNumber() ? field.getValue().numberValue() : field.getValue().asText()));
        bus.setDetail(detail);
        return bus;
    }

    @Test
    void aBusEventTellsItsRecipientsOnceAndTheLocalStackRecordsTheMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("messages.jsonl");
        NotifierHandler handler = Environment.with(Map.of("NOTIFY_RECORD_FILE", file.toString()),
                () -> new NotifierHandler(table.client(), table.name(), clock));
        DomainEvent accepted = published.stream().filter(e -> e.type() == EventType.ACCEPTED).findFirst().orElseThrow();

        assertEquals(1, handler.handleRequest(busEvent(accepted), null).get("sent"));
        assertEquals(1, handler.handleRequest(busEvent(accepted), null).get("duplicates"));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(1, lines.size());
        PrivateDataAudit.outgoing("message record", lines.get(0));
        JsonNode message = Json.read(lines.get(0));
        assertEquals("sms", message.path("channel").asText());
        assertEquals("accepted", message.path("template").asText());
        assertEquals("resident", message.path("to").path("role").asText());
        assertEquals("138****5678", message.path("to").path("phone").asText());
        assertEquals(request.id(), message.path("requestId").asText());
        assertTrue(message.path("text").asText().startsWith("【点单】您的便民维修服务请求"), message.toString());
    }

    @Test
    void aMalformedEventIsLetGoAndTheScheduleReleasesHeldMessages() {
        NotifierHandler handler = new NotifierHandler(table.client(), table.name(), clock, Map.of());
        ScheduledEvent malformed = new ScheduledEvent();
        malformed.setSource(EventDetail.SOURCE);
        malformed.setDetail(Map.of("type", "no_such_type"));
        assertEquals(1, handler.handleRequest(malformed, null).get("ignored"));

        ScheduledEvent tick = new ScheduledEvent();
        tick.setSource("aws.events");
        tick.setTime(new DateTime(NOW.toEpochMilli()));
        assertEquals(0, handler.handleRequest(tick, null).get("sent"));
    }
}
