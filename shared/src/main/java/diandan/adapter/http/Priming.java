package diandan.adapter.http;

import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import diandan.adapter.log.Log;

/**
 * SnapStart priming: runs a real route (parse, use case, table, response) before the snapshot is taken, so
 * that the classes and the connection it needs are in the snapshot. Priming must never stop a checkpoint.
 */
public final class Priming {
    private Priming() {
    }

    public static void prime(HttpFunction function, String routeKey, Map<String, String> pathParameters, String body) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("priming-" + UUID.randomUUID());
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", "priming", "cognito:groups", "[admin]"));
        authorizer.setJwt(jwt);
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey).withPathParameters(pathParameters)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body).withRequestContext(context).build();
        try {
            function.handle(event);
        } catch (RuntimeException e) {
            Log.error("priming failed", context.getRequestId(), e);
        }
    }
}
