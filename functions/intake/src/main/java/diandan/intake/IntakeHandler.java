package diandan.intake;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

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
import diandan.adapter.http.JsonBody;
import diandan.adapter.http.Priming;
import diandan.adapter.http.Views;
import diandan.app.request.IntakeService;
import diandan.app.request.ListFilter;
import diandan.app.request.NewRequest;
import diandan.app.request.Submission;
import diandan.domain.Caller;
import diandan.domain.ServiceRequest;
import diandan.port.notify.DeliveryLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** IntakeFunction: residents' requests (点单) over the HTTP API. Parses, calls {@link IntakeService}, maps. */
public final class IntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private static final Set<String> SUBMIT_FIELDS = Set.of("category", "description", "communityId", "address",
            "contactName", "contactPhone", "channel", "preferredTime", "residentId", "projectId");

    private final IntakeService intake;
    private final DeliveryLedger deliveries;
    private final HttpFunction http;

    public IntakeHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    public IntakeHandler(DynamoDbClient client, String table, Clock clock) {
        this(new Wiring(client, table, clock));
    }

    private IntakeHandler(Wiring wiring) {
        this(wiring.intake, wiring.deliveries);
    }

    /** The seam for handler tests: the use case and the deliveries a request's read shows. */
    public IntakeHandler(IntakeService intake, DeliveryLedger deliveries) {
        this.intake = intake;
        this.deliveries = deliveries;
        this.http = new HttpFunction("IntakeFunction", HttpFunction.each(this::route,
                "POST /requests",
                "GET /requests",
                "GET /requests/{id}",
                "POST /requests/{id}/cancel",
                "POST /requests/{id}/rating",
                "DELETE /requests/{id}/contact",
                "GET /wishes"));
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event);
    }

    /** The work of each route: one method reference for all of them ({@link HttpFunction#each}). */
    private APIGatewayV2HTTPResponse route(ApiRequest request) {
        return switch (request.routeKey()) {
            case "POST /requests" -> submit(request);
            case "GET /requests" -> list(request);
            case "GET /requests/{id}" -> get(request);
            case "POST /requests/{id}/cancel" -> cancel(request);
            case "POST /requests/{id}/rating" -> rate(request);
            case "DELETE /requests/{id}/contact" -> eraseContact(request);
            case "GET /wishes" -> wishes(request);
            default -> throw new IllegalStateException("no work for route " + request.routeKey());
        };
    }

    private APIGatewayV2HTTPResponse submit(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(SUBMIT_FIELDS);
        NewRequest form = new NewRequest(body.string("category"), body.string("description"),
                body.string("communityId"), body.string("address"), body.string("contactName"),
                body.string("contactPhone"), body.string("channel"), body.string("preferredTime"),
                body.string("residentId"), body.string("projectId"));
        body.requireWellTyped();
        Submission submission = intake.submit(caller, form, request.header("Idempotency-Key"));
        ServiceRequest created = submission.request();
        return ApiResponses.json(201, Views.request(created, intake.seesContact(caller, created)), Map.of(
                "Location", "/requests/" + created.id(),
                "ETag", "\"" + created.version() + "\"",
                "Idempotent-Replayed", Boolean.toString(submission.replayed())));
    }

    private APIGatewayV2HTTPResponse get(ApiRequest request) {
        Caller caller = request.caller();
        ServiceRequest read = intake.get(caller, request.pathParameter("id"));
        // the read proved the caller may see the request: its timeline shows who was told of it
        return ApiResponses.json(200, Views.request(read, intake.seesContact(caller, read), deliveries.ofRequest(read.id())),
                Map.of("ETag", "\"" + read.version() + "\""));
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        Caller caller = request.caller();
        ListFilter filter = new ListFilter(request.query("status"), request.query("communityId"),
                request.query("category"), request.query("teamId"), request.query("areaId"), request.query("from"),
                request.query("to"), request.query("limit"), request.query("cursor"));
        return ApiResponses.json(200, Views.page(intake.list(caller, filter), r -> Views.request(r, intake.seesContact(caller, r))));
    }

    private APIGatewayV2HTTPResponse cancel(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("reason"));
        String reason = body.string("reason");
        body.requireWellTyped();
        return one(intake.cancel(caller, request.pathParameter("id"), request.ifMatch(), reason), caller);
    }

    private APIGatewayV2HTTPResponse rate(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("score", "outcome", "comment"));
        Integer score = body.integer("score");
        String outcome = body.string("outcome");
        String comment = body.string("comment");
        body.requireWellTyped();
        return one(intake.rate(caller, request.pathParameter("id"), request.ifMatch(), score, outcome, comment), caller);
    }

    private APIGatewayV2HTTPResponse eraseContact(ApiRequest request) {
        Caller caller = request.caller();
        return one(intake.eraseContact(caller, request.pathParameter("id")), caller);
    }

    private APIGatewayV2HTTPResponse wishes(ApiRequest request) {
        request.caller();
        ListFilter paging = new ListFilter(null, null, null, null, null, null, null, request.query("limit"), null);
        return ApiResponses.json(200, Views.page(intake.wishes(paging.pageSize(), request.query("cursor")), Views::wish));
    }

    private APIGatewayV2HTTPResponse one(ServiceRequest r, Caller caller) {
        return ApiResponses.json(200, Views.request(r, intake.seesContact(caller, r)), Map.of("ETag", "\"" + r.version() + "\""));
    }

    /** Every route with the well-formed requests of events/, writes answered from canned responses (Priming). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.everyRoute(http);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK client reconnects on first use
    }
}
