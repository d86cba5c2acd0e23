package diandan.intake;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.RepoRoot;

@ExtendWith(DynaliteExtension.class)
class IntakeHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static MutableClock clock = new MutableClock(NOW);
    static IntakeHandler handler;

    @BeforeAll
    static void setUp(LocalTable table) {
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"),
                new DynamoRegistryRepository(table.client(), table.name()));
        handler = new IntakeHandler(table.client(), table.name(), clock);
    }

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    @Test
    void submitsFromTheEventFileWithTheThreeDeadlines() throws Exception {
        APIGatewayV2HTTPResponse response = call(withHeader(ApiEvents.load("submit-request.json"), "Idempotency-Key", "first-submit"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("dispatched", body.get("status").asText(), "the demo district has elderly-care teams in xinbei");
        assertEquals("xinbei", body.get("teamId").asText().split("-")[0]);
        assertEquals("2026-11-28T09:45:00.000Z", body.at("/sla/respondBy").asText());
        assertEquals("2026-11-28T10:00:00.000Z", body.at("/sla/replyBy").asText());
        assertEquals("2026-11-29T09:30:00.000Z", body.at("/sla/resolveBy").asText());
        assertEquals("13812345678", body.get("contactPhone").asText());

        APIGatewayV2HTTPResponse read = call(withPath(as(ApiEvents.load("get-request.json"), resident("resident-zhang")), "id", body.get("id").asText()));
        assertEquals(200, read.getStatusCode(), read.getBody());
        APIGatewayV2HTTPResponse other = call(withPath(as(ApiEvents.load("get-request.json"), resident("someone-else")), "id", body.get("id").asText()));
        assertEquals(404, other.getStatusCode());
        assertEquals("application/problem+json", other.getHeaders().get("Content-Type"));
    }

    @Test
    void refusesEveryBadFieldAtOnce() throws Exception {
        APIGatewayV2HTTPResponse response = call(withBody(ApiEvents.load("submit-request.json"),
                "{\"category\":\"nope\",\"description\":\"\",\"communityId\":\"weiyang\",\"address\":\"x\",\"contactName\":\"x\",\"contactPhone\":\"12345\",\"channel\":\"fax\"}"));
        assertEquals(422, response.getStatusCode(), response.getBody());
        JsonNode errors = json(response).get("errors");
        assertEquals(5, errors.size(), errors.toString());
    }

    @Test
    void dispatcherSubmitsOnTheHotlineInTheirArea() throws Exception {
        APIGatewayV2HTTPResponse response = call(ApiEvents.load("submit-hotline-request.json"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("029-33221100", json(response).get("contactPhone").asText());
        APIGatewayV2HTTPResponse outside = call(as(ApiEvents.load("submit-hotline-request.json"), dispatcher("d2", "wenhuilu")));
        assertEquals(403, outside.getStatusCode());
        APIGatewayV2HTTPResponse noToken = call(as(ApiEvents.load("submit-hotline-request.json"), null));
        assertEquals(401, noToken.getStatusCode());
    }
}
