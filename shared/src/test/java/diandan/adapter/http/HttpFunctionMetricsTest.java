package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.devkit.ApiEvents;
import diandan.devkit.EmbeddedMetrics;
import diandan.devkit.EmbeddedMetrics.Recorded;
import diandan.domain.Problem;
import diandan.port.StorageUnavailableException;

/**
 * Every answer's log line is a valid EMF record: one request by route and status class and by status class alone,
 * its duration, and the storage faults of its function; no request data among the dimensions.
 */
class HttpFunctionMetricsTest {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreLog() {
        Log.sink(System.out::println);
    }

    @Test
    void eachAnswerCountsByRouteAndStatusClassAndAStorageFaultByFunction() {
        HttpFunction function = new HttpFunction("IntakeFunction", Map.of(
                "POST /requests", request -> APIGatewayV2HTTPResponse.builder().withStatusCode(201).build(),
                "GET /requests/{id}", request -> {
                    throw Problem.notFound("request r1");
                },
                "POST /requests/{id}/cancel", request -> {
                    throw new StorageUnavailableException("read request", new RuntimeException("throttled"));
                }));
        Log.sink(lines::add);
        function.handle(ApiEvents.route("POST /requests", ApiEvents.resident("resident-1")));
        function.handle(ApiEvents.route("GET /requests/{id}", ApiEvents.resident("resident-1")));
        function.handle(ApiEvents.route("POST /requests/{id}/cancel", ApiEvents.resident("resident-1")));

        List<String> handled = lines.stream().filter(l -> l.contains("\"message\":\"handled\"")).toList();
        assertEquals(3, handled.size(), lines.toString());
        handled.forEach(l -> assertEquals(List.of(), EmbeddedMetrics.violations(l), l));
        assertEquals(List.of("2xx", "4xx", "5xx"), handled.stream().map(l -> requests(l, "statusClass")).toList());
        assertTrue(EmbeddedMetrics.recorded(handled.get(0)).contains(new Recorded("Diandan", "requests", "Count", 1,
                Map.of("route", "POST /requests", "statusClass", "2xx"))));
        assertEquals(List.of(0.0, 0.0, 1.0), handled.stream().map(l -> EmbeddedMetrics.recorded(l).stream()
                .filter(r -> r.name().equals("storageFaults")).findFirst().orElseThrow()).map(r -> {
                    assertEquals(Map.of("function", "IntakeFunction"), r.dimensions());
                    return r.value();
                }).toList());
        assertTrue(handled.stream().flatMap(l -> EmbeddedMetrics.recorded(l).stream())
                .allMatch(r -> List.of("route", "statusClass", "function").containsAll(r.dimensions().keySet())),
                "dimensions are routes, status classes and functions only");
    }

    @Test
    void anEventWithoutARouteKeyIsCountedUnderARouteOfItsOwn() {
        Log.sink(lines::add);
        APIGatewayV2HTTPEvent event = ApiEvents.route("POST /requests", ApiEvents.resident("resident-1"));
        event.setRouteKey(null);
        assertEquals(404, new HttpFunction("IntakeFunction", Map.of()).handle(event).getStatusCode());
        assertTrue(EmbeddedMetrics.recorded(lines.get(lines.size() - 1)).contains(new Recorded("Diandan", "requests",
                "Count", 1, Map.of("route", "none", "statusClass", "4xx"))), lines.toString());
    }

    @Test
    void theAnswersGivenWhilePrimingAreLoggedButNotCounted() throws Exception {
        HttpFunction function = new HttpFunction("IntakeFunction", Map.of(
                "POST /requests", request -> APIGatewayV2HTTPResponse.builder().withStatusCode(201).build(),
                "GET /requests/{id}", request -> {
                    throw new StorageUnavailableException("read request", new RuntimeException("throttled"));
                }));
        Log.sink(lines::add);
        Priming.everyRoute(function);
        List<String> primed = lines.stream().filter(l -> l.contains("\"message\":\"handled\"")).toList();
        assertTrue(primed.size() >= 2, "each route's files of events/ are answered and logged: " + lines);
        for (String l : primed) {
            JsonNode line = Json.read(l);
            assertFalse(line.has("_aws"), "a snapshot's priming is not traffic: " + l);
            assertTrue(line.path("priming").asBoolean(), l);
        }

        lines.clear();
        function.handle(ApiEvents.route("POST /requests", ApiEvents.resident("resident-1")));
        assertTrue(EmbeddedMetrics.recorded(lines.get(lines.size() - 1)).contains(new Recorded("Diandan", "requests",
                "Count", 1, Map.of("route", "POST /requests", "statusClass", "2xx"))), "counted again after: " + lines);
    }

    /** The status class a line's request count is recorded under alone. */
    static String requests(String line, String dimension) {
        return EmbeddedMetrics.recorded(line).stream().filter(r -> r.name().equals("requests")
                && r.dimensions().size() == 1).findFirst().orElseThrow().dimensions().get(dimension);
    }
}
