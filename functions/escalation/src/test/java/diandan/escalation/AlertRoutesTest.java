package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.claims;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.leader;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.DynamoAlertRepository;
import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Alert;
import diandan.domain.Clocks;
import diandan.domain.ServiceRequest;

/**
 * Who sees and acknowledges which alert: route × caller × where the alert lies. A request in community xinbei
 * (street weiyang, district weicheng) with alerts at levels 1, 2 and 3, and one in xibei-yimian (street
 * wenhuilu) at level 1.
 */
@ExtendWith(DynaliteExtension.class)
class AlertRoutesTest {
    static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");
    static EscalationApiHandler handler;
    static final Map<String, String> ID = new HashMap<>();

    static final Map<String, String> NO_TOKEN = null;
    static final Map<String, String> RESIDENT = resident("resident-zhang");
    static final Map<String, String> LEADER = leader("leader-a", "team-a");
    static final Map<String, String> COMMUNITY_DISPATCHER = dispatcher("d-xinbei", "xinbei");
    static final Map<String, String> STREET_DISPATCHER = dispatcher("d-weiyang", "weiyang");
    static final Map<String, String> DISTRICT_DISPATCHER = dispatcher("d-weicheng", "weicheng");
    static final Map<String, String> OTHER_STREET_DISPATCHER = dispatcher("d-wenhuilu", "wenhuilu");
    static final Map<String, String> DISPATCHER_WITHOUT_AREA = claims("d-none", "dispatcher", null, null, null);
    /** An admin of the district: the demo registry holds two, whose lists name one of them. */
    static final Map<String, String> ADMIN = admin("admin-wang", "weicheng");

    @BeforeAll
    static void setUp(LocalTable table) {
        Fixtures.loadDemoRegistry(table);
        DynamoAlertRepository alerts = new DynamoAlertRepository(table.client(), table.name());
        ServiceRequest x = Fixtures.submitted("rx", AT.minusSeconds(3600), Clocks.DESK_PROMISE, "team-a");
        ServiceRequest y = Fixtures.submitted("ry", AT.minusSeconds(3600), Clocks.DESK_PROMISE, "team-b",
                Fixtures.XIBEI_YIMIAN, "legal");
        raise(alerts, "x1", Alert.raise(x, 1, "respond deadline missed", AT.plusSeconds(1)));
        raise(alerts, "x2", Alert.raise(x, 2, "reply deadline missed", AT.plusSeconds(2)));
        raise(alerts, "x3", Alert.raise(x, 3, "resolve deadline missed", AT.plusSeconds(3)));
        raise(alerts, "y1", Alert.raise(y, 1, "respond deadline missed", AT.plusSeconds(4)));
        handler = new EscalationApiHandler(table.client(), table.name(), new MutableClock(AT.plusSeconds(600)));
    }

    private static void raise(DynamoAlertRepository alerts, String name, Alert alert) {
        alerts.raise(alert);
        ID.put(name, alert.id());
    }

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.read(response.getBody());
    }

    static APIGatewayV2HTTPEvent list(Map<String, String> caller, Map<String, String> query) {
        return withQuery(route("GET /alerts", caller), query);
    }

    static Set<String> names(JsonNode page) {
        Set<String> names = new HashSet<>();
        page.get("items").forEach(item -> ID.forEach((name, id) -> {
            if (id.equals(item.get("id").asText())) {
                names.add(name);
            }
        }));
        return names;
    }

    static Stream<Arguments> listings() {
        return Stream.of(
                Arguments.of("no token", NO_TOKEN, null, 401, null),
                Arguments.of("resident", RESIDENT, null, 403, null),
                Arguments.of("team leader", LEADER, null, 403, null),
                Arguments.of("dispatcher without area", DISPATCHER_WITHOUT_AREA, null, 403, null),
                Arguments.of("community dispatcher", COMMUNITY_DISPATCHER, null, 200, Set.of("x1")),
                Arguments.of("street dispatcher", STREET_DISPATCHER, null, 200, Set.of("x1", "x2")),
                Arguments.of("district dispatcher", DISTRICT_DISPATCHER, null, 200, Set.of("x1", "x2", "x3", "y1")),
                Arguments.of("other street's dispatcher", OTHER_STREET_DISPATCHER, null, 200, Set.of("y1")),
                Arguments.of("admin", ADMIN, null, 200, Set.of("x1", "x2", "x3", "y1")),
                Arguments.of("street dispatcher, a community below", STREET_DISPATCHER, "xinbei", 200, Set.of("x1")),
                Arguments.of("admin, a community", ADMIN, "xinbei", 200, Set.of("x1")),
                Arguments.of("admin, a street", ADMIN, "wenhuilu", 200, Set.of("y1")),
                Arguments.of("other street's dispatcher, elsewhere", OTHER_STREET_DISPATCHER, "xinbei", 403, null),
                Arguments.of("community dispatcher, the street above", COMMUNITY_DISPATCHER, "weiyang", 403, null),
                Arguments.of("admin, an unknown area", ADMIN, "atlantis", 422, null));
    }

    @ParameterizedTest(name = "GET /alerts: {0} {2} -> {3}")
    @MethodSource("listings")
    void listsOnlyTheAlertsOfTheCallersArea(String who, Map<String, String> caller, String areaId, int status,
                                            Set<String> visible) throws Exception {
        APIGatewayV2HTTPResponse response = call(list(caller, areaId == null ? Map.of() : Map.of("areaId", areaId)));
        assertEquals(status, response.getStatusCode(), who + ": " + response.getBody());
        if (visible != null) {
            assertEquals(visible, names(json(response)), who);
        } else {
            assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        }
    }

    static Stream<Arguments> acknowledgements() {
        return Stream.of(
                Arguments.of("no token", NO_TOKEN, "x2", 401),
                Arguments.of("resident", RESIDENT, "x2", 404),
                Arguments.of("team leader", LEADER, "x2", 404),
                Arguments.of("dispatcher without area", DISPATCHER_WITHOUT_AREA, "x2", 404),
                Arguments.of("community dispatcher, a street alert", COMMUNITY_DISPATCHER, "x2", 404),
                Arguments.of("other street's dispatcher", OTHER_STREET_DISPATCHER, "x2", 404),
                Arguments.of("street dispatcher", STREET_DISPATCHER, "x2", 200),
                Arguments.of("district dispatcher", DISTRICT_DISPATCHER, "x2", 200),
                Arguments.of("admin", ADMIN, "x2", 200),
                Arguments.of("community dispatcher, its own alert", COMMUNITY_DISPATCHER, "x1", 200),
                Arguments.of("other street's dispatcher, its own alert", OTHER_STREET_DISPATCHER, "y1", 200),
                Arguments.of("admin, no such alert", ADMIN, null, 404));
    }

    @ParameterizedTest(name = "acknowledge {2}: {0} -> {3}")
    @MethodSource("acknowledgements")
    void acknowledgedByThoseWhoSeeIt(String who, Map<String, String> caller, String alert, int status) throws Exception {
        String id = alert == null ? "a0000000000000000000000" : ID.get(alert);
        APIGatewayV2HTTPResponse response = call(withPath(route("POST /alerts/{id}/ack", caller), "id", id));
        assertEquals(status, response.getStatusCode(), who + ": " + response.getBody());
        if (status == 200) {
            assertTrue(json(response).get("acknowledged").asBoolean());
            assertEquals(id, json(response).get("id").asText());
        }
    }

    @Test
    void filtersByLevelAndAcknowledgement() throws Exception {
        call(withPath(route("POST /alerts/{id}/ack", ADMIN), "id", ID.get("x3")));
        assertEquals(Set.of("x2"), names(json(call(list(DISTRICT_DISPATCHER, Map.of("level", "2"))))));
        Set<String> open = names(json(call(list(DISTRICT_DISPATCHER, Map.of("acknowledged", "false")))));
        Set<String> acknowledged = names(json(call(list(DISTRICT_DISPATCHER, Map.of("acknowledged", "true")))));
        assertTrue(acknowledged.contains("x3"));
        assertTrue(!open.contains("x3"));
        assertEquals(Set.of("x1", "x2", "x3", "y1"), union(open, acknowledged));
        for (Map<String, String> bad : List.of(Map.of("level", "4"), Map.of("level", "one"),
                Map.of("acknowledged", "maybe"), Map.of("limit", "0"), Map.of("limit", "101"))) {
            assertEquals(422, call(list(ADMIN, bad)).getStatusCode(), bad.toString());
        }
    }

    @Test
    void pagesThroughWithOpaqueCursorsThatBelongToOneList() throws Exception {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "1") : Map.of("limit", "1", "cursor", cursor);
            JsonNode page = json(call(list(ADMIN, query)));
            seen.addAll(names(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(Set.of("x1", "x2", "x3", "y1"), seen);

        String districtCursor = json(call(list(ADMIN, Map.of("limit", "1")))).get("nextCursor").asText();
        assertNotNull(districtCursor);
        assertEquals(400, call(list(ADMIN, Map.of("areaId", "xinbei", "cursor", districtCursor))).getStatusCode(),
                "a cursor of another area's list");
        assertEquals(400, call(list(ADMIN, Map.of("cursor", "bm90LWEtY3Vyc29y"))).getStatusCode());
    }

    @Test
    void theEventFileListsTheStreetDispatchersOpenAlerts() throws Exception {
        APIGatewayV2HTTPResponse response = call(ApiEvents.load("list-alerts.json"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode first = json(response).get("items").get(0);
        assertEquals(List.of("id", "requestId", "level", "areaId", "at", "acknowledged", "reason"), fields(first));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
