package diandan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import diandan.adapter.json.Json;

/**
 * The HTTP API: finds the route, authorizes the bearer token, hands the payload-2.0 event to the route's
 * function in process and maps its response back; answers with API Gateway's own bodies when it refuses
 * (404 no route, 401 no valid token, 413 too large, 500 function failed, 503 throttled).
 */
final class HttpApiGateway implements HttpHandler {
    /** API Gateway's limit on a request's payload. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final ApiRoutes routes;
    private final Map<String, LambdaFunction> functions;
    private final Clock clock;
    private final Consumer<Invocation> log;

    HttpApiGateway(ApiRoutes routes, Map<String, LambdaFunction> functions, Clock clock, Consumer<Invocation> log) {
        this.routes = routes;
        this.functions = functions;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<ApiRoutes.Match> match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            log.accept(new Invocation("HttpApi", method + " " + rawPath, "404 (no route)", 0, requestId));
            Exchanges.sendJson(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            return;
        }
        ApiRoutes.Route route = match.get().route();
        Instant now = clock.instant();
        Map<String, String> claims = null;
        if (route.authorizer() != null) {
            try {
                claims = route.authorizer().authorize(exchange.getRequestHeaders().getFirst("Authorization"), now);
            } catch (JwtAuthorizer.Unauthorized refused) {
                log.accept(new Invocation(route.functionId(), route.routeKey(), "401 (" + refused.getMessage() + ")", 0,
                        requestId));
                Map<String, String> headers = exchange.getRequestHeaders().containsKey("Authorization")
                        ? Map.of("www-authenticate", "Bearer scope=\"\" error=\"invalid_token\" error_description=\""
                                + refused.getMessage() + "\"")
                        : Map.of();
                Exchanges.sendJson(exchange, 401, headers, "{\"message\":\"Unauthorized\"}");
                return;
            }
        }
        byte[] body;
        try {
            body = Exchanges.body(exchange, MAX_BODY_BYTES);
        } catch (Exchanges.TooLarge e) {
            Exchanges.sendJson(exchange, 413, Map.of(), "{\"message\":\"Request Entity Too Large\"}");
            return;
        }
        HttpApiEvents.Incoming incoming = new HttpApiEvents.Incoming(method, rawPath, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getProtocol());
        APIGatewayV2HTTPEvent event = HttpApiEvents.event(incoming, match.get(), claims, requestId, now);
        invoke(exchange, route, event, requestId);
    }

    private void invoke(HttpExchange exchange, ApiRoutes.Route route, APIGatewayV2HTTPEvent event, String requestId)
            throws IOException {
        LambdaFunction function = functions.get(route.functionId());
        long started = System.nanoTime();
        Object result;
        try {
            result = function.invoke(event, requestId);
        } catch (FunctionError error) {
            log.accept(new Invocation(route.functionId(), route.routeKey(), "500 (" + error.summary() + ")",
                    System.nanoTime() - started, requestId));
            Exchanges.sendJson(exchange, 500, Map.of(), "{\"message\":\"Internal Server Error\"}");
            return;
        } catch (Throttled throttled) {
            log.accept(new Invocation(route.functionId(), route.routeKey(), "503 (throttled)",
                    System.nanoTime() - started, requestId));
            Exchanges.sendJson(exchange, 503, Map.of(), "{\"message\":\"Service Unavailable\"}");
            return;
        }
        long elapsed = System.nanoTime() - started;
        APIGatewayV2HTTPResponse response = response(result);
        if (response == null) {
            log.accept(new Invocation(route.functionId(), route.routeKey(), "500 (malformed response)", elapsed,
                    requestId));
            Exchanges.sendJson(exchange, 500, Map.of(), "{\"message\":\"Internal Server Error\"}");
            return;
        }
        log.accept(new Invocation(route.functionId(), route.routeKey(), Integer.toString(response.getStatusCode()),
                elapsed, requestId));
        write(exchange, response);
    }

    /**
     * The handler's result read as payload 2.0 reads it: a response object, or any other JSON, which becomes
     * a 200 with that JSON as its body. Null when the result cannot be read.
     */
    static APIGatewayV2HTTPResponse response(Object result) {
        if (result instanceof APIGatewayV2HTTPResponse response) {
            return response;
        }
        byte[] json = result instanceof HandlerMethod.JsonPayload payload ? payload.bytes() : EventJson.write(result);
        try {
            JsonNode tree = Json.read(json);
            if (tree != null && tree.isObject() && tree.has("statusCode")) {
                return EventJson.read(APIGatewayV2HTTPResponse.class, json);
            }
        } catch (IOException | RuntimeException notAResponse) {
            return null;
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(new String(json, StandardCharsets.UTF_8)).build();
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.merge(name, String.join(",", values),
                    (a, b) -> a + "," + b));
        }
        List<String> cookies = response.getCookies() == null ? List.of() : response.getCookies();
        cookies.forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        Exchanges.send(exchange, response.getStatusCode() == 0 ? 200 : response.getStatusCode(), headers, bytes);
    }
}
