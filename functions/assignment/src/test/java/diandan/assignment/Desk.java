package diandan.assignment;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withPath;

import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.app.registry.DemoRegistry;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.ServiceRequest;

/**
 * The AssignmentFunction on a table holding the demo district, with the intake it works beside (same table,
 * same clock): tests submit requests through the intake and act on them through the handler's routes.
 */
final class Desk {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Map<String, String> ADMIN = ApiEvents.admin("admin-li");

    final MutableClock clock = new MutableClock(NOW);
    final LocalTable table;
    final AssignmentHandler handler;
    final Wiring wiring;

    Desk(LocalTable table) {
        this.table = table;
        DemoRegistry.loadInto(table);
        this.handler = new AssignmentHandler(table.client(), table.name(), clock);
        this.wiring = new Wiring(table.client(), table.name(), clock);
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    /** An event file as it is, about request (or team, volunteer, area, category) {@code id} when not null. */
    static APIGatewayV2HTTPEvent event(String file, String id) {
        APIGatewayV2HTTPEvent event = ApiEvents.load(file);
        return id == null ? event : withPath(event, event.getRouteKey().contains("{code}") ? "code" : "id", id);
    }

    /** The same, sent by {@code claims}; null claims: no token at all. */
    static APIGatewayV2HTTPEvent event(String file, Map<String, String> claims, String id) {
        return as(event(file, id), claims);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.read(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(response.getBody(), e);
        }
    }

    static Caller caller(Map<String, String> claims) {
        return Claims.caller(claims);
    }

    /** A request as a resident submits it in the app, routed by the system. */
    ServiceRequest submit(String resident, String category, String community) {
        return submit(resident, category, community, "app");
    }

    ServiceRequest submit(String resident, String category, String community, String channel) {
        return wiring.intake.submit(caller(ApiEvents.resident(resident)), new NewRequest(category, "需要志愿者帮忙",
                community, community + "社区5号楼", "李秀英", "13912345678", channel, null, null), null).request();
    }

    /** A request of {@code resident} in xinbei, sent by an admin to {@code team}. */
    ServiceRequest dispatchedTo(String resident, String team) {
        ServiceRequest routed = submit(resident, "legal", "xinbei");
        return team.equals(routed.teamId()) ? routed
                : wiring.dispatch.dispatch(caller(ADMIN), routed.id(), null, team, "for the test");
    }

    ServiceRequest acceptedBy(String resident, String team) {
        ServiceRequest dispatched = dispatchedTo(resident, team);
        return wiring.dispatch.accept(caller(ApiEvents.leader("leader-of-" + team, team)), dispatched.id(), null);
    }

    ServiceRequest find(String id) {
        return wiring.requests.find(id).orElseThrow();
    }
}
