package diandan.adapter.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.WriteOutcomes;
import diandan.adapter.log.Log;
import diandan.adapter.log.Metrics;
import diandan.domain.Problem;
import diandan.port.ConcurrentChangeException;
import diandan.port.StorageUnavailableException;

/**
 * The shared shape of every HTTP handler: find the route, run it, map what it refuses to problem+json and
 * what the store fails to a 503, log one line. A bug still answers 500, logged without request data. The line
 * carries the answer's metrics ({@link Metrics}): requests and their duration by route and status class, and
 * storage faults by function.
 */
public final class HttpFunction {
    /** One route's work. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    /** Each answer counts once by route and status class (2xx, 4xx, 5xx), and once by status class alone. */
    private static final Map<String, Metrics.Unit> REQUEST_METRICS = Map.of("requests", Metrics.Unit.COUNT,
            "durationMs", Metrics.Unit.MILLISECONDS);

    private final String name;
    private final Map<String, Route> routes;

    /** @param routes by route key as the template declares it, e.g. {@code "GET /requests/{id}"} */
    public HttpFunction(String name, Map<String, Route> routes) {
        this.name = name;
        this.routes = Map.copyOf(routes);
    }

    /**
     * Every key answered by the one route, which tells them apart by {@link ApiRequest#routeKey()}: a method
     * reference per route is a class each, all loaded by a cold start whichever route it answers.
     */
    public static Map<String, Route> each(Route route, String... routeKeys) {
        Map<String, Route> routes = new HashMap<>();
        for (String key : routeKeys) {
            routes.put(key, route);
        }
        return routes;
    }

    /** The routes it answers, by route key. */
    public Set<String> routeKeys() {
        return routes.keySet();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        WriteOutcomes.begin();
        ApiRequest request = new ApiRequest(event);
        APIGatewayV2HTTPResponse response;
        int storageFaults = 0;
        try {
            Route route = routes.get(request.routeKey());
            response = route == null
                    ? ApiResponses.problem(new Problem(Problem.Kind.NOT_FOUND, "no route " + request.routeKey()))
                    : route.handle(request);
        } catch (Problem problem) {
            response = ApiResponses.problem(problem);
        } catch (ConcurrentChangeException lost) {
            // a conditional write lost to another call and the use case had no answer of its own: nothing of the
            // lost write was stored, and the client may read again and retry
            response = ApiResponses.problem(
                    Problem.conflict("changed by another call meanwhile; read it again and try again"));
        } catch (StorageUnavailableException fault) {
            Log.error("storage unavailable: " + fault.getMessage(), request.requestId(), fault);
            storageFaults = 1;
            response = ApiResponses.problem(unavailable(fault, request.header("Idempotency-Key") != null));
        } catch (RuntimeException bug) {
            Log.error("unhandled error", request.requestId(), bug);
            response = APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                    .withHeaders(Map.of("Content-Type", "application/problem+json"))
                    .withBody("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}").build();
        }
        ObjectNode line = Log.line("INFO", "handled", request.requestId());
        line.put("function", name);
        // an event without a route key (never one API Gateway sends) still counts, under a route of its own
        line.put("route", request.routeKey().isEmpty() ? "none" : request.routeKey());
        line.put("status", response.getStatusCode());
        line.put("statusClass", response.getStatusCode() / 100 + "xx");
        line.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        line.put("requests", 1);
        line.put("storageFaults", storageFaults);
        Metrics.attach(line, List.of(List.of("route", "statusClass"), List.of("statusClass")), REQUEST_METRICS);
        Metrics.attach(line, List.of(List.of("function")), Map.of("storageFaults", Metrics.Unit.COUNT));
        Log.emit(line);
        return response;
    }

    /**
     * The 503 of every route, promising no more than is known: "nothing was changed" only when no write of the
     * call can have landed; else the outcome is unknown (the change, or part of it, may be stored, and what it
     * implies is finished by the retry or by the schedule), and the client learns which retry is safe.
     */
    static Problem unavailable(StorageUnavailableException fault, boolean keyed) {
        if (!fault.mayHaveChanged()) {
            return new Problem(Problem.Kind.UNAVAILABLE, "storage is unavailable; nothing was changed, retry later");
        }
        return new Problem(Problem.Kind.UNAVAILABLE, "storage is unavailable; the outcome is unknown; " + (keyed
                ? "retrying with the same Idempotency-Key is safe"
                : "the change may have been made: read it back before retrying"));
    }
}
