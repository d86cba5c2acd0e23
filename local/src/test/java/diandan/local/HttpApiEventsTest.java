package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;

class HttpApiEventsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final ApiRoutes ROUTES = ApiRoutesTest.routes("GET /requests/{id}", "POST /requests");

    static APIGatewayV2HTTPEvent event(String method, String path, String query, Map<String, List<String>> headers,
                                       byte[] body) {
        return HttpApiEvents.event(new HttpApiEvents.Incoming(method, path, query, headers, body, "127.0.0.1", "HTTP/1.1"),
                ROUTES.match(method, path).orElseThrow(), Map.of("sub", "resident-zhang", "cognito:groups", "[resident]"),
                "req-1", NOW);
    }

    @Test
    void hasTheShapeOfTheEventFilesApiGatewaySends() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-type", List.of("application/json"));
        headers.put("Authorization", List.of("Bearer x"));
        APIGatewayV2HTTPEvent built = event("POST", "/requests", null, headers, "{}".getBytes(StandardCharsets.UTF_8));
        JsonNode ours = Json.read(EventJson.write(built));
        JsonNode file = Json.read(Files.readAllBytes(RepoRoot.find().resolve("events/submit-request.json")));
        assertEquals(names(file), names(ours));
        assertEquals(names(file.get("requestContext")), names(ours.get("requestContext")));
        assertEquals(names(file.at("/requestContext/http")), names(ours.at("/requestContext/http")));
        assertEquals("POST /requests", ours.get("routeKey").asText());
        assertEquals("28/Nov/2026:09:30:00 +0000", ours.at("/requestContext/time").asText());
        assertEquals("[resident]", ours.at("/requestContext/authorizer/jwt/claims/cognito:groups").asText());
        assertEquals("{}", ours.get("body").asText());
        assertFalse(ours.get("isBase64Encoded").asBoolean());
    }

    /** A text body that is not UTF-8 goes base64-encoded, byte for byte, as API Gateway sends it: nothing replaced. */
    @Test
    void aTextBodyThatIsNotUtf8GoesBase64Encoded() {
        byte[] body = {'{', '"', 'd', '"', ':', '"', (byte) 0xff, (byte) 0xc3, '(', '"', '}'};
        for (String type : List.of("application/json", "application/json; charset=utf-8", "text/plain")) {
            APIGatewayV2HTTPEvent built = event("POST", "/requests", null, Map.of("content-type", List.of(type)), body);
            assertTrue(built.getIsBase64Encoded(), type);
            assertEquals(Base64.getEncoder().encodeToString(body), built.getBody(), type);
        }
        APIGatewayV2HTTPEvent text = event("POST", "/requests", null, Map.of("content-type",
                List.of("application/json")), "{\"d\":\"陪伴 😀\"}".getBytes(StandardCharsets.UTF_8));
        assertFalse(text.getIsBase64Encoded());
        assertEquals("{\"d\":\"陪伴 😀\"}", text.getBody());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void joinsRepeatedHeadersAndParametersAndMovesCookies() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("text/html", "application/json"));
        headers.put("Cookie", List.of("a=1; b=2"));
        APIGatewayV2HTTPEvent built = event("GET", "/requests/r%201", "status=open&status=closed&q=%E6%96%B0+%E5%8C%97",
                headers, new byte[0]);
        assertEquals("text/html,application/json", built.getHeaders().get("accept"));
        assertFalse(built.getHeaders().containsKey("cookie"));
        assertEquals(List.of("a=1", "b=2"), built.getCookies());
        assertEquals("open,closed", built.getQueryStringParameters().get("status"));
        assertEquals("新 北", built.getQueryStringParameters().get("q"));
        assertEquals("status=open&status=closed&q=%E6%96%B0+%E5%8C%97", built.getRawQueryString());
        assertEquals(Map.of("id", "r 1"), built.getPathParameters());
        assertEquals("/requests/r%201", built.getRawPath());
        assertNull(built.getBody());
    }

    @Test
    void base64EncodesABodyThatIsNotText() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        APIGatewayV2HTTPEvent built = event("POST", "/requests", "", Map.of("content-type", List.of("image/png")), png);
        assertTrue(built.getIsBase64Encoded());
        assertEquals(Base64.getEncoder().encodeToString(png), built.getBody());
        assertNull(built.getQueryStringParameters());
    }

    @Test
    void readsAnyJsonResultAsPayloadTwoDoes() {
        var plain = HttpApiGateway.response(new HandlerMethod.JsonPayload("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, plain.getStatusCode());
        assertEquals("{\"ok\":true}", plain.getBody());
        var shaped = HttpApiGateway.response(new HandlerMethod.JsonPayload(
                "{\"statusCode\":204,\"headers\":{\"x-a\":\"b\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(204, shaped.getStatusCode());
        assertEquals("b", shaped.getHeaders().get("x-a"));
    }
}
