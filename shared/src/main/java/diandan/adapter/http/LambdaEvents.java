package diandan.adapter.http;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;

/**
 * Events as Lambda delivers them to a stream handler, for a function that takes both HTTP API requests
 * (payload 2.0) and EventBridge schedule events: told apart by shape, read with the tree model (no bean
 * mapping), and the HTTP response written back in the shape API Gateway expects.
 */
public final class LambdaEvents {
    private LambdaEvents() {
    }

    public static boolean isSchedule(JsonNode event) {
        return "Scheduled Event".equals(event.path("detail-type").asText(null));
    }

    public static boolean isHttp(JsonNode event) {
        return event.path("routeKey").isTextual() && event.path("requestContext").isObject();
    }

    /** The fields the HTTP adapter reads: route, headers, parameters, body, request id and JWT claims. */
    public static APIGatewayV2HTTPEvent http(JsonNode event) {
        JsonNode context = event.path("requestContext");
        APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
        requestContext.setRequestId(context.path("requestId").asText(null));
        requestContext.setRouteKey(context.path("routeKey").asText(null));
        JsonNode claims = context.path("authorizer").path("jwt").path("claims");
        if (claims.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(flattened(claims));
            authorizer.setJwt(jwt);
            requestContext.setAuthorizer(authorizer);
        }
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(event.path("routeKey").asText())
                .withRawPath(event.path("rawPath").asText(null))
                .withRawQueryString(event.path("rawQueryString").asText(null))
                .withHeaders(flattened(event.path("headers")))
                .withQueryStringParameters(flattened(event.path("queryStringParameters")))
                .withPathParameters(flattened(event.path("pathParameters")))
                .withBody(event.path("body").isTextual() ? event.path("body").asText() : null)
                .withIsBase64Encoded(event.path("isBase64Encoded").asBoolean(false))
                .withRequestContext(requestContext)
                .build();
    }

    public static ObjectNode response(APIGatewayV2HTTPResponse response) {
        ObjectNode json = Json.object();
        json.put("statusCode", response.getStatusCode());
        ObjectNode headers = json.putObject("headers");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::put);
        }
        json.put("body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        return json;
    }

    /**
     * A JSON object of strings as a map; null when absent. A list (a claim such as {@code cognito:groups} sent
     * unflattened) becomes {@code [a b]}, the way API Gateway flattens it; null and object values are left out.
     * The local JWT authorizer passes a token's claims on through this too, so both read a claim alike.
     */
    public static Map<String, String> flattened(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                StringBuilder joined = new StringBuilder("[");
                value.forEach(item -> joined.append(joined.length() > 1 ? " " : "").append(item.asText()));
                map.put(field.getKey(), joined.append(']').toString());
            } else if (value.isValueNode() && !value.isNull()) {
                map.put(field.getKey(), value.asText());
            }
        }
        return map;
    }
}
