package diandan.assignment;

import java.time.Clock;
import java.util.Map;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.http.ApiRequest;
import diandan.adapter.http.ApiResponses;
import diandan.adapter.http.HttpFunction;
import diandan.adapter.http.Priming;
import diandan.adapter.http.Views;
import diandan.app.RegistryCache;
import diandan.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** AssignmentFunction: the registry (areas, categories) over the HTTP API. */
public final class AssignmentHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final RegistryCache registry;
    private final HttpFunction http;

    public AssignmentHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    public AssignmentHandler(DynamoDbClient client, String table, Clock clock) {
        this.registry = new Wiring(client, table, clock).registry;
        this.http = new HttpFunction("AssignmentFunction", Map.of(
                "GET /categories", this::categories,
                "GET /areas", this::areas));
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event);
    }

    /** The whole list fits one page: the registry is small and read from the cache. */
    private APIGatewayV2HTTPResponse categories(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, Views.page(new Page<>(registry.get().categories(), null), Views::category));
    }

    private APIGatewayV2HTTPResponse areas(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, Views.page(new Page<>(registry.get().areas(), null), Views::area));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(http, "GET /categories", Map.of(), null);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        registry.invalidate();
    }
}
