package diandan.assignment;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * The menu's routes over HTTP: publishing, reading, pausing and listing projects, and every kind of bad input
 * refused as problem+json with nothing changed.
 */
@ExtendWith(DynaliteExtension.class)
class ProjectRoutesTest {
    static Desk desk;
    static String projectId;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
        APIGatewayV2HTTPResponse created = desk.call(ApiEvents.load("create-project.json"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        projectId = Desk.json(created).get("id").asText();
    }

    static List<String> menu(String communityId) {
        APIGatewayV2HTTPResponse listed = desk.call(withQuery(ApiEvents.load("list-projects.json"),
                Map.of("communityId", communityId)));
        assertEquals(200, listed.getStatusCode(), listed.getBody());
        List<String> ids = new ArrayList<>();
        Desk.json(listed).get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void aPublishedProjectIsOnTheMenuOfItsCommunitiesUntilPausedAndShowsNoPersonalData() {
        assertTrue(menu("xinbei").contains(projectId), "street weiyang's project serves its community xinbei");
        assertFalse(menu("renmin-west").contains(projectId));
        APIGatewayV2HTTPResponse read = desk.call(Desk.event("get-project.json", projectId));
        assertEquals(200, read.getStatusCode(), read.getBody());
        JsonNode project = Desk.json(read);
        assertEquals(0, project.get("orders").get("taken").asInt());
        assertEquals(0, project.get("ratings").get("count").asInt());
        assertFalse(read.getBody().contains("admin-li"), "who published it is nobody's business");

        String paused = ApiEvents.load("put-project.json").getBody().replace("\"active\": true", "\"active\": false");
        APIGatewayV2HTTPResponse put = desk.call(withHeader(withBody(Desk.event("put-project.json", projectId), paused),
                "If-Match", "\"1\""));
        assertEquals(200, put.getStatusCode(), put.getBody());
        assertEquals("\"2\"", put.getHeaders().get("ETag"));
        assertFalse(menu("xinbei").contains(projectId), "paused: off the menu");
        APIGatewayV2HTTPResponse team = desk.call(withQuery(ApiEvents.load("list-projects.json"),
                Map.of("teamId", "weiyang-jinglao")));
        assertTrue(team.getBody().contains(projectId), "the team's own list shows it paused");
        APIGatewayV2HTTPResponse stale = desk.call(withHeader(Desk.event("put-project.json", projectId), "If-Match", "\"1\""));
        assertEquals(409, stale.getStatusCode(), stale.getBody());
    }

    @Test
    void aRetryUnderTheSameKeyAnswersTheSameProjectAndAnotherBodyIsRefused() {
        APIGatewayV2HTTPEvent keyed = withHeader(ApiEvents.load("create-project.json"), "Idempotency-Key", "menu-retry-1");
        APIGatewayV2HTTPResponse first = desk.call(keyed);
        APIGatewayV2HTTPResponse retry = desk.call(keyed);
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals(200, retry.getStatusCode(), retry.getBody());
        assertEquals("true", retry.getHeaders().get("Idempotent-Replayed"));
        assertEquals(Desk.json(first).get("id"), Desk.json(retry).get("id"));
        APIGatewayV2HTTPResponse other = desk.call(withBody(keyed,
                keyed.getBody().replace("\"capacity\": 10", "\"capacity\": 9")));
        assertEquals(422, other.getStatusCode(), other.getBody());
    }

    static Stream<Arguments> badInput() {
        String good = ApiEvents.load("create-project.json").getBody();
        return Stream.of(
                body(good.replace("\"capacity\": 10", "\"capacity\": 0"), 422, "capacity"),
                body(good.replace("\"capacity\": 10", "\"capacity\": \"10\""), 400, "capacity"),
                body(good.replace("\"capacityPer\": \"week\"", "\"capacityPer\": \"month\""), 422, "capacityPer"),
                body(good.replace("\"elderly_care\"", "\"home_repair\""), 422, "category"),
                body(good.replace("[\"weiyang\"]", "[\"renmin-west\"]"), 422, "areaIds"),
                body(good.replace("[\"weiyang\"]", "[]"), 422, "areaIds"),
                body(good.replace("\"sunday\"", "\"someday\""), 400, "weekly.someday"),
                body(good.replace("\"09:00-11:00\"", "\"11:00-09:00\""), 422, "weekly.sunday"),
                body(good.replace("\"weiyang-jinglao\"", "\"no-such-team\""), 422, "teamId"),
                body(good.replace("\"title\"", "\"price\""), 400, "price"),
                body("not json", 400, null),
                Arguments.of("unknown project", Desk.event("get-project.json", "p-nothing"), 404, null),
                Arguments.of("hostile id", Desk.event("put-project.json", "../x"), 404, null),
                Arguments.of("unknown community", withQuery(ApiEvents.load("list-projects.json"),
                        Map.of("communityId", "nowhere")), 422, "communityId"),
                Arguments.of("unknown category", withQuery(ApiEvents.load("list-projects.json"),
                        Map.of("communityId", "xinbei", "category", "nope")), 422, "category"),
                Arguments.of("community and team", withQuery(ApiEvents.load("list-projects.json"),
                        Map.of("communityId", "xinbei", "teamId", "weiyang-jinglao")), 422, "teamId"),
                Arguments.of("a street is no menu", withQuery(ApiEvents.load("list-projects.json"),
                        Map.of("areaId", "weiyang")), 422, "areaId"),
                Arguments.of("forged cursor", withQuery(ApiEvents.load("list-projects.json"),
                        Map.of("communityId", "xinbei", "cursor", "garbage")), 400, "cursor"));
    }

    static Arguments body(String body, int status, String field) {
        return Arguments.of(body.substring(0, Math.min(60, body.length())),
                withBody(ApiEvents.load("create-project.json"), body), status, field);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badInput")
    void badInputIsAProblemAndChangesNothing(String name, APIGatewayV2HTTPEvent event, int status, String field) {
        List<String> before = menu("xinbei");
        APIGatewayV2HTTPResponse response = desk.call(event);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        if (field != null) {
            assertTrue(Desk.json(response).get("errors").toString().contains("\"field\":\"" + field + "\""),
                    response.getBody());
        }
        assertEquals(before, menu("xinbei"));
    }
}
