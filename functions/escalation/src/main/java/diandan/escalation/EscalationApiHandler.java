package diandan.escalation;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.http.ApiRequest;
import diandan.adapter.http.ApiResponses;
import diandan.adapter.http.CalendarFields;
import diandan.adapter.http.ClockFields;
import diandan.adapter.http.HttpFunction;
import diandan.adapter.http.JsonBody;
import diandan.adapter.http.Priming;
import diandan.adapter.http.Views;
import diandan.app.calendar.ServiceCalendars;
import diandan.app.escalation.AlertDesk;
import diandan.app.escalation.ClockPolicies;
import diandan.app.escalation.DeadlinesAhead;
import diandan.app.escalation.SlaReports;
import diandan.domain.Caller;
import diandan.domain.Clocks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * EscalationApiFunction: the dispatch desk's alerts and deadlines ahead, the SLA report, the clock policy and the areas' service
 * calendars over the HTTP API.
 * A function of its own, apart from the sweeper, because the sweeper runs with a reserved concurrency of one
 * (no overlapping sweeps in the normal case) that would throttle an API.
 */
public final class EscalationApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        Resource {
    private final AlertDesk alerts;
    private final DeadlinesAhead deadlines;
    private final SlaReports reports;
    private final ClockPolicies clockPolicies;
    private final ServiceCalendars calendars;
    private final HttpFunction http;

    public EscalationApiHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    public EscalationApiHandler(DynamoDbClient client, String table, Clock clock) {
        EscalationApiWiring wiring = new EscalationApiWiring(client, table, clock);
        this.alerts = wiring.alerts;
        this.deadlines = wiring.deadlines;
        this.reports = wiring.reports;
        this.clockPolicies = wiring.clockPolicies;
        this.calendars = wiring.calendars;
        this.http = new HttpFunction("EscalationApiFunction", Map.of(
                "GET /alerts", this::listAlerts,
                "POST /alerts/{id}/ack", this::acknowledge,
                "GET /deadlines", this::deadlinesAhead,
                "GET /reports/sla", this::slaReport,
                "GET /clock-policy", this::clockPolicy,
                "PUT /clock-policy/channels/{channel}", this::setChannelClocks,
                "GET /calendars/{areaId}", this::calendar,
                "PUT /calendars/{areaId}", this::setCalendar,
                "DELETE /calendars/{areaId}", this::removeCalendar));
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event);
    }

    private APIGatewayV2HTTPResponse listAlerts(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, Views.page(alerts.list(caller, request.query("level"), request.query("areaId"),
                request.query("acknowledged"), request.query("limit"), request.query("cursor")),
                EscalationViews::alert));
    }

    private APIGatewayV2HTTPResponse acknowledge(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return ApiResponses.json(200, EscalationViews.alert(alerts.acknowledge(caller, request.pathParameter("id"))));
    }

    private APIGatewayV2HTTPResponse deadlinesAhead(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, EscalationViews.deadlines(deadlines.list(caller, request.query("within"),
                request.query("areaId"))));
    }

    private APIGatewayV2HTTPResponse slaReport(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, EscalationViews.report(reports.report(caller, request.query("from"),
                request.query("to"), request.query("groupBy"), request.query("areaId"))));
    }

    private APIGatewayV2HTTPResponse clockPolicy(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, EscalationViews.clockPolicy(clockPolicies.current()));
    }

    private APIGatewayV2HTTPResponse setChannelClocks(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of(ClockFields.FIELD));
        Clocks.Form clocks = ClockFields.read(body);
        body.requireWellTyped();
        return ApiResponses.json(200, EscalationViews.clockPolicy(clockPolicies.setChannel(caller,
                request.pathParameter("channel"), clocks)));
    }

    private APIGatewayV2HTTPResponse calendar(ApiRequest request) {
        String areaId = request.pathParameter("areaId");
        return ApiResponses.json(200, EscalationViews.calendar(areaId, calendars.read(request.caller(), areaId)));
    }

    private APIGatewayV2HTTPResponse setCalendar(ApiRequest request) {
        Caller caller = request.caller();
        String areaId = request.pathParameter("areaId");
        CalendarFields fields = CalendarFields.read(request.json(CalendarFields.FIELDS));
        return ApiResponses.json(200, EscalationViews.calendar(areaId, calendars.put(caller, areaId, fields.zone(),
                fields.weekly(), fields.holidays(), fields.makeUpWorkdays())));
    }

    private APIGatewayV2HTTPResponse removeCalendar(ApiRequest request) {
        calendars.remove(request.caller(), request.pathParameter("areaId"));
        return ApiResponses.noContent();
    }

    /** Every route with the well-formed requests of events/, writes answered from canned responses (Priming). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.everyRoute(http);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the caches reload when their minute is up, the SDK client reconnects on first use
    }
}
