package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.RepoRoot;

/**
 * Service calendars over HTTP: an admin sets an area's own, anyone signed in reads the one in force, which a
 * lower area inherits from the nearest area above it unless it sets its own.
 */
@ExtendWith(DynaliteExtension.class)
class CalendarRoutesTest {
    static final String WEEKDAYS = "{\"weekly\":{\"monday\":[\"08:30-18:00\"],\"friday\":[\"08:30-12:00\",\"13:30-18:00\"]},"
            + "\"holidays\":[\"2026-10-01\"],\"makeUpWorkdays\":[\"2026-10-10\"]}";
    static LocalTable table;
    static EscalationApiHandler handler;

    @BeforeAll
    static void setUp(LocalTable engineTable) {
        table = Fixtures.freshTable(engineTable);
        Fixtures.loadDemoRegistry(table);
        handler = new EscalationApiHandler(table.client(), table.name(), new MutableClock(Instant.parse("2026-11-28T09:30:00Z")));
    }

    static APIGatewayV2HTTPResponse put(Map<String, String> caller, String areaId, String body) {
        return handler.handleRequest(withBody(withPath(route("PUT /calendars/{areaId}", caller), "areaId", areaId), body), null);
    }

    static APIGatewayV2HTTPResponse get(Map<String, String> caller, String areaId) {
        return handler.handleRequest(withPath(route("GET /calendars/{areaId}", caller), "areaId", areaId), null);
    }

    static APIGatewayV2HTTPResponse delete(Map<String, String> caller, String areaId) {
        return handler.handleRequest(withPath(route("DELETE /calendars/{areaId}", caller), "areaId", areaId), null);
    }

    static JsonNode read(String areaId) throws Exception {
        APIGatewayV2HTTPResponse response = get(resident("resident-zhang"), areaId);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    @Test
    void aCalendarSetAboveIsInheritedDownTheTreeUntilALowerAreaSetsItsOwn() throws Exception {
        String demo = Files.readString(RepoRoot.find().resolve("local/demo/calendar-2026.json"));
        assertEquals(200, put(admin("admin-wang"), "weicheng", demo).getStatusCode());
        JsonNode community = read("xinbei");
        assertEquals("weicheng", community.get("definedAt").asText());
        assertTrue(community.get("inherited").asBoolean());
        assertEquals("Asia/Shanghai", community.get("zone").asText());
        assertEquals("08:30-18:00", community.at("/weekly/monday/0").asText());
        assertEquals(33, community.get("holidays").size(), "the seven 2026 holidays: 3 + 9 + 3 + 5 + 3 + 3 + 7 days");
        assertEquals(6, community.get("makeUpWorkdays").size());

        APIGatewayV2HTTPResponse own = put(admin("admin-wang"), "weiyang", WEEKDAYS);
        assertEquals(200, own.getStatusCode(), own.getBody());
        assertEquals("weiyang", Json.read(own.getBody()).get("definedAt").asText());
        assertEquals("weiyang", read("xinbei").get("definedAt").asText(), "the street's own is nearer");
        assertEquals("13:30-18:00", read("sanpu").at("/weekly/friday/1").asText());
        assertEquals("weicheng", read("xibei-yimian").get("definedAt").asText(), "another street still inherits the district's");
        JsonNode street = read("weiyang");
        assertEquals(false, street.get("inherited").asBoolean());
        assertEquals(Json.read("[\"2026-10-10\"]"), street.get("makeUpWorkdays"));
    }

    @Test
    void onlyAdminsSetCalendarsAnyoneSignedInReadsThem() throws Exception {
        assertEquals(401, put(null, "wenhuilu", WEEKDAYS).getStatusCode());
        assertEquals(403, put(dispatcher("d-xinbei", "xinbei"), "wenhuilu", WEEKDAYS).getStatusCode());
        assertEquals(403, put(resident("resident-zhang"), "wenhuilu", WEEKDAYS).getStatusCode());
        assertEquals(401, get(null, "xinbei").getStatusCode());
        assertEquals(404, put(admin("a"), "atlantis", WEEKDAYS).getStatusCode());
        assertEquals(404, get(resident("resident-zhang"), "atlantis").getStatusCode());
    }

    @Test
    void anAreaWithNoCalendarUpItsTreeHasNone() {
        LocalTable empty = Fixtures.freshTable(table);
        Fixtures.loadDemoRegistry(empty);
        EscalationApiHandler bare = new EscalationApiHandler(empty.client(), empty.name(),
                new MutableClock(Instant.parse("2026-11-28T09:30:00Z")));
        APIGatewayV2HTTPResponse none = bare.handleRequest(withPath(route("GET /calendars/{areaId}",
                resident("resident-zhang")), "areaId", "xinbei"), null);
        assertEquals(404, none.getStatusCode());
        assertEquals("application/problem+json", none.getHeaders().get("Content-Type"));
    }

    @Test
    void badCalendarsAreRefusedFieldByFieldAndChangeNothing() throws Exception {
        assertEquals(200, put(admin("a"), "renminlu", WEEKDAYS).getStatusCode());
        String before = get(admin("a"), "renminlu").getBody();
        APIGatewayV2HTTPResponse invalid = put(admin("a"), "renminlu", "{\"zone\":\"Mars/Olympus\",\"weekly\":{\"monday\":"
                + "[\"18:00-08:30\"],\"tuesday\":[\"08:00-12:00\",\"11:00-13:00\"]},\"holidays\":[\"2026-02-30\"]}");
        assertEquals(422, invalid.getStatusCode(), invalid.getBody());
        JsonNode errors = Json.read(invalid.getBody()).get("errors");
        assertEquals("[weekly.monday, weekly.tuesday, zone, holidays]", fields(errors));
        assertEquals(422, put(admin("a"), "renminlu", "{\"weekly\":{\"saturday\":[]}}").getStatusCode(), "no hours at all");
        assertEquals(422, put(admin("a"), "renminlu", "{\"weekly\":{\"saturday\":[\"09:00-12:00\"]},"
                + "\"makeUpWorkdays\":[\"2026-10-10\"]}").getStatusCode(), "a make-up workday needs Monday's hours");
        assertEquals(422, put(admin("a"), "renminlu", "{\"weekly\":{\"monday\":[\"09:00-12:00\"]},"
                + "\"holidays\":[\"2026-10-10\"],\"makeUpWorkdays\":[\"2026-10-10\"]}").getStatusCode());
        assertEquals(422, put(admin("a"), "renminlu", "{}").getStatusCode(), "weekly is required");
        assertEquals(400, put(admin("a"), "renminlu", "{\"weekly\":{\"someday\":[\"09:00-12:00\"]}}").getStatusCode());
        assertEquals(400, put(admin("a"), "renminlu", "{\"weekly\":{\"monday\":\"09:00-12:00\"}}").getStatusCode());
        assertEquals(400, put(admin("a"), "renminlu", "{\"weekly\":{\"monday\":[\"09:00-10:00\",\"10:00-11:00\","
                + "\"11:00-12:00\",\"12:00-13:00\",\"13:00-14:00\",\"14:00-15:00\",\"15:00-16:00\"]}}").getStatusCode());
        assertEquals(400, put(admin("a"), "renminlu", "{\"name\":\"x\"," + WEEKDAYS.substring(1)).getStatusCode());
        assertEquals(before, get(admin("a"), "renminlu").getBody());
    }

    @Test
    void removingAnAreasOwnCalendarLetsItInheritAgainAndASecondRemovalFindsNone() throws Exception {
        String demo = Files.readString(RepoRoot.find().resolve("local/demo/calendar-2026.json"));
        assertEquals(200, put(admin("admin-wang"), "weicheng", demo).getStatusCode());
        assertEquals(200, put(admin("admin-wang"), "xinxing-east", WEEKDAYS).getStatusCode());
        assertEquals("xinxing-east", read("xinxing-east").get("definedAt").asText());

        APIGatewayV2HTTPResponse removed = delete(admin("admin-li", "weicheng"), "xinxing-east");
        assertEquals(204, removed.getStatusCode(), removed.getBody());
        JsonNode inherited = read("xinxing-east");
        assertEquals("weicheng", inherited.get("definedAt").asText());
        assertTrue(inherited.get("inherited").asBoolean());
        APIGatewayV2HTTPResponse again = delete(admin("admin-wang"), "xinxing-east");
        assertEquals(404, again.getStatusCode(), "a retry after a lost answer finds nothing to remove");
        assertEquals("application/problem+json", again.getHeaders().get("Content-Type"));
        assertEquals(404, delete(admin("admin-wang"), "atlantis").getStatusCode());
    }

    @Test
    void onlyAdminsOfTheAreaOrAboveItRemoveItsCalendar() throws Exception {
        assertEquals(200, put(admin("a"), "zhongshanjie", WEEKDAYS).getStatusCode());
        assertEquals(401, delete(null, "zhongshanjie").getStatusCode());
        assertEquals(403, delete(dispatcher("d-xinbei", "xinbei"), "zhongshanjie").getStatusCode());
        assertEquals(403, delete(resident("resident-zhang"), "zhongshanjie").getStatusCode());
        assertEquals(403, delete(admin("admin-qindu", "qindu"), "zhongshanjie").getStatusCode());
        assertEquals("zhongshanjie", read("zhongshanjie").get("definedAt").asText(), "refused removals change nothing");
    }

    static String fields(JsonNode errors) {
        java.util.List<String> names = new java.util.ArrayList<>();
        errors.forEach(e -> names.add(e.get("field").asText()));
        return names.toString();
    }
}
