package diandan.intake;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.SubmissionLimits;

@ExtendWith(DynaliteExtension.class)
class SubmissionLimitsTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T09:30:00Z"));
    static IntakeHandler handler;

    @BeforeAll
    static void setUp(LocalTable table) {
        handler = IntakeFixture.handler(table, CLOCK, new SubmissionLimits(3, 5));
    }

    static APIGatewayV2HTTPResponse submit(Map<String, String> claims, String key) {
        return handler.handleRequest(withHeader(as(ApiEvents.load("submit-request.json"), claims), "Idempotency-Key", key), null);
    }

    @Test
    void aResidentMayHaveOnlySoManyOpenRequests() throws Exception {
        Map<String, String> resident = ApiEvents.resident("busy-resident");
        String first = null;
        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPResponse created = submit(resident, "open-" + i);
            assertEquals(201, created.getStatusCode(), created.getBody());
            first = first == null ? Json.read(created.getBody()).get("id").asText() : first;
        }
        APIGatewayV2HTTPResponse refused = submit(resident, "open-3");
        assertEquals(429, refused.getStatusCode(), refused.getBody());
        assertEquals("2", refused.getHeaders().get("Retry-After"));
        assertEquals(201, submit(resident, "open-0").getStatusCode(), "a retry of an accepted submission is no new request");

        assertEquals(200, handler.handleRequest(withPath(as(ApiEvents.load("cancel-request.json"), resident), "id", first), null).getStatusCode());
        assertEquals(201, submit(resident, "open-4").getStatusCode());
        assertEquals(201, handler.handleRequest(ApiEvents.load("submit-hotline-request.json"), null).getStatusCode(),
                "operators are not limited");
    }

    @Test
    void andOnlySoManySubmissionsAnHour() {
        Map<String, String> resident = ApiEvents.resident("hasty-resident");
        for (int i = 0; i < 5; i++) {
            APIGatewayV2HTTPResponse created = submit(resident, UUID.randomUUID().toString());
            assertEquals(201, created.getStatusCode(), created.getBody());
            String id = created.getBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            handler.handleRequest(withPath(as(ApiEvents.load("cancel-request.json"), resident), "id", id), null);
        }
        assertEquals(429, submit(resident, UUID.randomUUID().toString()).getStatusCode());
        CLOCK.advance(Duration.ofMinutes(61));
        assertEquals(201, submit(resident, UUID.randomUUID().toString()).getStatusCode());
    }
}
