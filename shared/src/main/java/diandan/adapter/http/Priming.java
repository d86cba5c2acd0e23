package diandan.adapter.http;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.adapter.log.Log;

/**
 * SnapStart priming: before the snapshot is taken, a function answers a few made-up requests through its real
 * routes (parse, use case, table, response), so that the classes and the connection they need are in the
 * snapshot. Each request reads only: it names nothing that exists, or asks for a list, or is refused by
 * validation before any write. A priming request is answered like any other (a 404 or 422 is an answer);
 * priming never stops a checkpoint.
 */
public final class Priming {
    /** A caller who may read everything: priming must get past the access rules to the table. */
    private static final Map<String, String> ADMIN = Map.of("sub", "priming", "cognito:groups", "[admin]");

    private final String routeKey;
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private Map<String, String> claims = ADMIN;
    private String body;

    private Priming(String routeKey) {
        this.routeKey = routeKey;
    }

    /** A request for the route, e.g. {@code "GET /requests/{id}"}, by an admin unless {@link #by} says otherwise. */
    public static Priming request(String routeKey) {
        return new Priming(routeKey);
    }

    public Priming path(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public Priming query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public Priming by(Map<String, String> jwtClaims) {
        this.claims = jwtClaims;
        return this;
    }

    public Priming body(String json) {
        this.body = json;
        return this;
    }

    /** Answers the request through the function's route table. */
    public void sendTo(HttpFunction function) {
        try {
            function.handle(event());
        } catch (RuntimeException e) {
            Log.error("priming failed", "priming", e);
        }
    }

    /** The request as API Gateway's JSON (payload 2.0), for a function that reads its events as a stream. */
    public byte[] json() {
        ObjectNode json = Json.object();
        json.put("version", "2.0");
        json.put("routeKey", routeKey);
        ObjectNode headers = json.putObject("headers");
        headers.put("content-type", "application/json");
        pathParameters.forEach(json.putObject("pathParameters")::put);
        query.forEach(json.putObject("queryStringParameters")::put);
        if (body != null) {
            json.put("body", body);
        }
        ObjectNode context = json.putObject("requestContext");
        context.put("requestId", requestId());
        context.put("routeKey", routeKey);
        claims.forEach(context.putObject("authorizer").putObject("jwt").putObject("claims")::put);
        return Json.bytes(json);
    }

    private APIGatewayV2HTTPEvent event() {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(requestId());
        context.setRouteKey(routeKey);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(claims);
        authorizer.setJwt(jwt);
        context.setAuthorizer(authorizer);
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey).withPathParameters(pathParameters).withQueryStringParameters(query)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body).withRequestContext(context).build();
    }

    private static String requestId() {
        return "priming-" + UUID.randomUUID();
    }
}
