package diandan.hours;

import static diandan.hours.HoursWorld.json;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.HoursWiring;
import diandan.adapter.Wiring;
import diandan.app.hours.HoursRollup;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.hours.SourceType;

/**
 * A store that fails one write: the route answers 503 with Retry-After, every item stays whole, and the
 * client's retry under the same Idempotency-Key finishes the call without reserving the hours twice.
 */
@ExtendWith(DynaliteExtension.class)
class HoursStorageFaultTest {
    static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
    }

    @Test
    void aRefusedWriteAtAnyStepOfRecordingIsA503AndTheRetryFinishesIt() {
        for (int write = 1; write <= 4; write++) {
            String request = world.resolvedRequest(LocalDate.parse("2026-11-28").minusDays(write));
            String date = LocalDate.parse("2026-11-28").minusDays(write).toString();
            String body = "{\"source\":{\"type\":\"request\",\"id\":\"" + request + "\"},\"entries\":["
                    + "{\"volunteerId\":\"v-li\",\"hours\":3,\"date\":\"" + date + "\"},"
                    + "{\"volunteerId\":\"v-wang\",\"hours\":2,\"date\":\"" + date + "\"}]}";
            APIGatewayV2HTTPEvent call = ApiEvents.withHeader(ApiEvents.withBody(ApiEvents.load("record-hours.json"), body),
                    "Idempotency-Key", "fault-" + write);

            StoreProbe failing = StoreProbe.on(world.table).build();
            failing.failAt(StoreProbe.Fault.REFUSED, write);
            HoursHandler onAFailingStore = new HoursHandler(new HoursWiring(
                    new Wiring(failing.client(), world.table.name(), world.clock), HoursRollup.Settings.standard()));
            APIGatewayV2HTTPResponse refused = onAFailingStore.handle(ApiEvents.as(call, HoursWorld.LEADER));
            assertEquals(503, refused.getStatusCode(), "write " + write + ": " + refused.getBody());
            assertEquals("2", refused.getHeaders().get("Retry-After"));
            assertEquals("application/problem+json", refused.getHeaders().get("Content-Type"));

            JsonNode retried = ok(201, world.call(call, HoursWorld.LEADER));
            assertEquals(2, retried.get("items").size());
            assertEquals("3", retried.at("/items/0/hours").asText());
        }
        // four days, 3 h each, reserved once each: another 21 h still fit on each of them
        for (int day = 1; day <= 4; day++) {
            String date = LocalDate.parse("2026-11-28").minusDays(day).toString();
            assertEquals(201, world.record(HoursWorld.LEADER, SourceType.REQUEST,
                    world.resolvedRequest(LocalDate.parse(date)),
                    "[{\"volunteerId\":\"v-li\",\"hours\":21,\"date\":\"" + date + "\"}]").getStatusCode());
        }
        JsonNode own = json(world.call(ApiEvents.withPath(ApiEvents.load("volunteer-hours.json"), "id", "v-li"),
                HoursWorld.ADMIN));
        assertEquals("96", own.get("pendingHours").asText());
    }
}
