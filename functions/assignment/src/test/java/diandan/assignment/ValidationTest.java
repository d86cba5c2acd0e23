package diandan.assignment;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * Bad input to the AssignmentFunction's routes: malformed (400), unsupported (415), meaningless (422, naming
 * the field), or about nothing (404); never a 5xx, and refused before anything is read or written.
 */
@ExtendWith(DynaliteExtension.class)
class ValidationTest {
    static Desk desk;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
    }

    static Stream<Arguments> table() {
        String longSummary = "办".repeat(2001);
        return Stream.of(
                body("dispatch-request.json", "{}", 422, "teamId"),
                body("dispatch-request.json", "{\"teamId\":7}", 400, "teamId"),
                body("dispatch-request.json", "{\"teamId\":\"xinbei-juandilv\",\"priority\":1}", 400, "priority"),
                body("decline-request.json", "{}", 422, "reason"),
                body("decline-request.json", "{\"reason\":\"   \"}", 422, "reason"),
                body("reply-request.json", "{\"message\":\"好\",\"plannedAt\":\"tomorrow\"}", 422, "plannedAt"),
                body("reply-request.json", "{\"message\":\"好\",\"plannedAt\":\"2020-01-01T00:00:00Z\"}", 422, "plannedAt"),
                body("reply-request.json", "{\"plannedAt\":\"2026-11-29T02:00:00Z\"}", 422, "message"),
                body("resolve-request.json", "{\"summary\":\"" + longSummary + "\"}", 422, "summary"),
                body("claim-wish.json", "{}", 422, "teamId"),
                body("claim-wish.json", "{\"teamId\":\"xinxingdong-lvse\"}", 422, "teamId"),
                body("accept-request.json", "not json", 400, null),
                body("accept-request.json", "{\"note\":\"x\"}", 400, "note"),
                body("create-team.json", team("\"capacity\":0"), 422, "capacity"),
                body("create-team.json", team("\"capacity\":\"4\""), 400, "capacity"),
                body("create-team.json", team("\"categories\":[\"nope\"]"), 422, "categories"),
                body("create-team.json", team("\"areaIds\":[]"), 422, "areaIds"),
                body("create-team.json", team("\"members\":[\"v9999\"]"), 422, "members"),
                body("create-team.json", team("\"active\":\"yes\""), 400, "active"),
                body("create-team.json", "{\"categories\":[\"legal\"],\"areaIds\":[\"xinbei\"],\"capacity\":3}", 422, "name"),
                body("put-category.json", clocks(60, 30, 1440), 422, "clocks"),
                body("put-category.json", clocks(0, 30, 1440), 422, "clocks.respondMinutes"),
                body("put-category.json", "{\"name\":\"心理疏导\"}", 422, "clocks.respondMinutes"),
                body("put-area.json", "{\"name\":\"x\",\"type\":\"village\",\"parentId\":\"weiyang\"}", 422, "type"),
                body("put-area.json", "{\"name\":\"x\",\"type\":\"district\",\"parentId\":\"weiyang\"}", 422, "parentId"),
                body("put-area.json", "{\"name\":\"x\",\"type\":\"city\",\"parentId\":\"weicheng\"}", 422, "parentId"),
                body("put-area.json", "{\"name\":\"x\",\"type\":\"community\",\"parentId\":\"nowhere\"}", 422, "parentId"),
                body("create-volunteer.json", "{\"name\":\"马秀兰\",\"phone\":\"12345\"}", 422, "phone"),
                body("create-volunteer.json", "{\"name\":\"马秀兰\",\"phone\":\"13991234567\",\"teamIds\":[\"nope\"]}", 422,
                        "teamIds"),
                Arguments.of("put-category.json bad code", Desk.event("put-category.json", "Bad Code"), 422, "code"),
                Arguments.of("put-team.json unknown", Desk.event("put-team.json", "no-such-team"), 404, null),
                Arguments.of("get-team.json hostile id", Desk.event("get-team.json", "../x"), 404, null),
                Arguments.of("get-volunteer.json unknown", Desk.event("get-volunteer.json", "v9999"), 404, null),
                Arguments.of("accept-request.json If-Match", withHeader(Desk.event("accept-request.json", null),
                        "If-Match", "abc"), 400, null),
                Arguments.of("accept-request.json text/plain", withHeader(withBody(Desk.event("accept-request.json", null),
                        "{}"), "content-type", "text/plain"), 415, null),
                Arguments.of("list-teams.json limit", withQuery(Desk.event("list-teams.json", null), Map.of("limit", "0")),
                        422, "limit"),
                Arguments.of("list-teams.json cursor", withQuery(Desk.event("list-teams.json", null),
                        Map.of("cursor", "garbage")), 400, null),
                Arguments.of("team-requests.json status", withQuery(Desk.event("team-requests.json", null),
                        Map.of("status", "bogus")), 422, "status"));
    }

    static Arguments body(String file, String body, int status, String field) {
        return Arguments.of(file + " " + body.substring(0, Math.min(60, body.length())),
                withBody(Desk.event(file, null), body), status, field);
    }

    static String team(String override) {
        String key = override.substring(0, override.indexOf(':'));
        StringBuilder json = new StringBuilder("{");
        Map<String, String> fields = new LinkedHashMap<>(Map.of("\"name\"", "\"新队\"",
                "\"categories\"", "[\"legal\"]", "\"areaIds\"", "[\"xinbei\"]", "\"capacity\"", "3"));
        fields.put(key, override.substring(override.indexOf(':') + 1));
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(name).append(':').append(value));
        return json.append('}').toString();
    }

    static String clocks(int respond, int reply, int resolve) {
        return "{\"name\":\"心理疏导\",\"clocks\":{\"respondMinutes\":" + respond + ",\"replyMinutes\":" + reply
                + ",\"resolveMinutes\":" + resolve + "}}";
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("table")
    void refusesWithTheRightStatusAndField(String name, APIGatewayV2HTTPEvent event, int status, String field) {
        APIGatewayV2HTTPResponse response = desk.call(event);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        if (field != null) {
            assertTrue(Desk.json(response).get("errors").toString().contains("\"field\":\"" + field + "\""),
                    response.getBody());
        }
    }
}
