package diandan.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Test input: the files in {@code events/} (what API Gateway and EventBridge send, and what
 * {@code sam local invoke} takes), loaded and then varied: another caller, body, path or query.
 */
public final class ApiEvents {
    private ApiEvents() {
    }

    public static APIGatewayV2HTTPEvent load(String file) {
        return EventLoader.loadApiGatewayHttpEvent(RepoRoot.find().resolve("events").resolve(file).toString());
    }

    public static ScheduledEvent schedule(String file) {
        return EventLoader.loadScheduledEvent(RepoRoot.find().resolve("events").resolve(file).toString());
    }

    /** The HTTP event files of each route, by route key, names in order; schedule events are left out. */
    public static Map<String, List<String>> filesByRoute() {
        Map<String, List<String>> files = new TreeMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> all = Files.list(RepoRoot.find().resolve("events"))) {
            for (Path file : all.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode routeKey = mapper.readTree(file.toFile()).path("routeKey");
                if (routeKey.isTextual()) {
                    files.computeIfAbsent(routeKey.asText(), k -> new ArrayList<>()).add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read events/", e);
        }
        return files;
    }

    /** An event for any route, with the shape of {@code events/get-request.json}. */
    public static APIGatewayV2HTTPEvent route(String routeKey, Map<String, String> claims) {
        APIGatewayV2HTTPEvent event = load("get-request.json");
        event.setRouteKey(routeKey);
        event.getRequestContext().setRouteKey(routeKey);
        event.setPathParameters(null);
        event.setQueryStringParameters(null);
        event.setBody(null);
        return as(event, claims);
    }

    /** The same event sent by another caller; null claims: no token at all. */
    public static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        if (claims == null) {
            event.getRequestContext().setAuthorizer(null);
            return event;
        }
        if (event.getRequestContext().getAuthorizer() == null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT());
            event.getRequestContext().setAuthorizer(authorizer);
        }
        event.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(claims));
        return event;
    }

    public static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        return event;
    }

    public static APIGatewayV2HTTPEvent withPath(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> params = event.getPathParameters() == null ? new HashMap<>() : new HashMap<>(event.getPathParameters());
        params.put(name, value);
        event.setPathParameters(params);
        return event;
    }

    public static APIGatewayV2HTTPEvent withQuery(APIGatewayV2HTTPEvent event, Map<String, String> query) {
        event.setQueryStringParameters(new LinkedHashMap<>(query));
        return event;
    }

    public static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = event.getHeaders() == null ? new HashMap<>() : new HashMap<>(event.getHeaders());
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        event.setHeaders(headers);
        return event;
    }

    /** Claims as the JWT authorizer passes them, groups flattened the way API Gateway does. */
    public static Map<String, String> claims(String sub, String groups, String teamId, String areaId, String volunteerId) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", sub);
        claims.put("cognito:groups", "[" + groups + "]");
        if (teamId != null) {
            claims.put("custom:team_id", teamId);
        }
        if (areaId != null) {
            claims.put("custom:area_id", areaId);
        }
        if (volunteerId != null) {
            claims.put("custom:volunteer_id", volunteerId);
        }
        return claims;
    }

    public static Map<String, String> resident(String sub) {
        return claims(sub, "resident", null, null, null);
    }

    public static Map<String, String> dispatcher(String sub, String areaId) {
        return claims(sub, "dispatcher", null, areaId, null);
    }

    public static Map<String, String> leader(String sub, String teamId) {
        return claims(sub, "team_leader volunteer", teamId, null, sub);
    }

    /** An admin of the whole deployment: the token names no area. */
    public static Map<String, String> admin(String sub) {
        return claims(sub, "admin", null, null, null);
    }

    /** An admin of one area (a district, a city, a province) and what lies below it. */
    public static Map<String, String> admin(String sub, String areaId) {
        return claims(sub, "admin", null, areaId, null);
    }
}
