package diandan.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;

@ExtendWith(DynaliteExtension.class)
class RegistryReadTest {
    static AssignmentHandler handler;

    @BeforeAll
    static void setUp(LocalTable table) {
        DemoRegistry.loadInto(table);
        handler = new AssignmentHandler(table.client(), table.name(), new MutableClock(Instant.parse("2026-11-28T09:30:00Z")));
    }

    @Test
    void categoriesAreTheEightBuiltInPlusTheLocalOnes() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.load("list-categories.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode items = Json.read(response.getBody()).get("items");
        assertEquals(10, items.size());
        assertEquals("theory_policy", items.get(0).get("code").asText());
        assertTrue(items.get(0).get("builtIn").asBoolean());
        assertEquals(15, items.get(0).at("/clocks/respondMinutes").asInt());
        assertEquals("elderly_care", items.get(8).get("code").asText());
        assertEquals(false, items.get(8).get("builtIn").asBoolean());
    }

    @Test
    void areasFormTheDistrictTree() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.load("list-areas.json"), null);
        JsonNode items = Json.read(response.getBody()).get("items");
        assertTrue(items.size() >= 15);
        long districts = 0;
        for (JsonNode area : items) {
            if (area.get("type").asText().equals("district")) {
                districts++;
                assertEquals("xianyang", area.get("parentId").asText(), "the demo's districts lie in one city");
            }
        }
        assertEquals(2, districts);
        assertEquals(401, handler.handleRequest(ApiEvents.as(ApiEvents.load("list-areas.json"), null), null).getStatusCode());
    }
}
