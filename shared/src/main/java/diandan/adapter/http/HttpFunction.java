package diandan.adapter.http;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.log.Log;
import diandan.domain.Problem;
import diandan.port.StorageUnavailableException;

/**
 * The shared shape of every HTTP handler: find the route, run it, map what it refuses to problem+json and
 * what the store fails to a 503, log one line. A bug still answers 500, logged without request data.
 */
public final class HttpFunction {
    /** One route's work. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    private final String name;
    private final Map<String, Route> routes;

    /** @param routes by route key as the template declares it, e.g. {@code "GET /requests/{id}"} */
    public HttpFunction(String name, Map<String, Route> routes) {
        this.name = name;
        this.routes = Map.copyOf(routes);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        APIGatewayV2HTTPResponse response;
        try {
            Route route = routes.get(request.routeKey());
            response = route == null
                    ? ApiResponses.problem(new Problem(Problem.Kind.NOT_FOUND, "no route " + request.routeKey()))
                    : route.handle(request);
        } catch (Problem problem) {
            response = ApiResponses.problem(problem);
        } catch (StorageUnavailableException fault) {
            Log.error("storage unavailable: " + fault.getMessage(), request.requestId(), fault);
            response = ApiResponses.problem(new Problem(Problem.Kind.UNAVAILABLE,
                    "storage is unavailable; nothing was changed, retry later"));
        } catch (RuntimeException bug) {
            Log.error("unhandled error", request.requestId(), bug);
            response = APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                    .withHeaders(Map.of("Content-Type", "application/problem+json"))
                    .withBody("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}").build();
        }
        ObjectNode line = Log.line("INFO", "handled", request.requestId());
        line.put("function", name);
        line.put("route", request.routeKey());
        line.put("status", response.getStatusCode());
        line.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        Log.emit(line);
        return response;
    }
}
