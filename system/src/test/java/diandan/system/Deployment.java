package diandan.system;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.Template;
import diandan.local.HandlerInvoker;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every function of template.yaml on one table and clock: each handler made from the template's Handler class
 * by its {@code (DynamoDbClient, String table, Clock)} constructor and called the way the local stack calls it
 * ({@link HandlerInvoker}), each HTTP event handed to the function whose route it names. Each function's client
 * lets it do on DynamoDB only what the template's statements grant it ({@link GrantedClient}). A new route or
 * function in the template is here without a change.
 */
final class Deployment {
    final Template template;
    private final Map<String, HandlerInvoker> functions = new LinkedHashMap<>();
    private final Map<String, String> functionOfRoute = new LinkedHashMap<>();

    Deployment(Template template, DynamoDbClient client, String table, Clock clock) {
        this.template = template;
        for (Template.Function function : template.functions()) {
            try {
                Object handler = Class.forName(function.handlerClass())
                        .getConstructor(DynamoDbClient.class, String.class, Clock.class)
                        .newInstance(GrantedClient.of(client, function.logicalId(),
                                DynamoDbGrants.grants(template, function.logicalId())), table, clock);
                functions.put(function.logicalId(), HandlerInvoker.of(function, handler, System.out::println));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(function.logicalId() + ": its handler " + function.handlerClass()
                        + " needs a public (DynamoDbClient, String, Clock) constructor", e);
            }
        }
        template.routes().forEach(route -> functionOfRoute.put(route.routeKey(), route.functionId()));
    }

    List<Template.Route> routes() {
        return template.routes();
    }

    /**
     * The function's answer to an HTTP event of one of the template's routes. A handler that throws is answered
     * as API Gateway answers it, with a 500, here with what was thrown in the body for the test to show.
     */
    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        String functionId = functionOfRoute.get(event.getRouteKey());
        if (functionId == null) {
            throw new IllegalArgumentException("no route " + event.getRouteKey() + " in template.yaml");
        }
        try {
            return functions.get(functionId).http(event);
        } catch (Exception thrown) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                    .withHeaders(Map.of("Content-Type", "text/plain"))
                    .withBody(functionId + " threw " + trace).build();
        }
    }

    /** Any other event for a function (a schedule's), its result as the runtime's JSON. */
    byte[] invoke(String functionId, Object event) throws Exception {
        HandlerInvoker function = functions.get(functionId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + functionId + " in template.yaml");
        }
        return function.invoke(event);
    }
}
