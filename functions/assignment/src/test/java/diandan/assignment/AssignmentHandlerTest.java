package diandan.assignment;

import static diandan.assignment.Desk.ADMIN;
import static diandan.assignment.Desk.event;
import static diandan.assignment.Desk.json;
import static diandan.devkit.ApiEvents.leader;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.DynamoAlertRepository;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Alert;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;

/** The AssignmentFunction's routes end to end, from the files in events/. */
@ExtendWith(DynaliteExtension.class)
class AssignmentHandlerTest {
    static Desk desk;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
    }

    static Map<String, String> leaderOf(String team) {
        return leader("u-leader-" + team, team);
    }

    static APIGatewayV2HTTPResponse ok(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response;
    }

    @Test
    void theTeamAcceptsRepliesStartsAndResolvesAndSeesTheContactOnlyAfterAccepting() {
        ServiceRequest routed = desk.submit("resident-flow", "elderly_care", "sanpu");
        assertEquals("sanpu-xiyanghong", routed.teamId(), "the community's own team comes first");
        String team = routed.teamId();
        String id = routed.id();

        JsonNode queue = json(ok(desk.call(withQuery(event("team-requests.json", leaderOf(team), team),
                Map.of("status", "dispatched")))));
        JsonNode listed = queue.get("items").get(0);
        assertEquals(id, listed.get("id").asText());
        assertEquals("139****5678", listed.get("contactPhone").asText(), "masked until the team accepts");

        APIGatewayV2HTTPResponse accepted = ok(desk.call(event("accept-request.json", leaderOf(team), id)));
        JsonNode body = json(accepted);
        assertEquals("accepted", body.get("status").asText());
        assertEquals("13912345678", body.get("contactPhone").asText());
        assertNotNull(body.at("/sla/respondedAt").textValue());
        assertEquals("\"" + body.get("version").asLong() + "\"", accepted.getHeaders().get("ETag"));
        assertEquals(1, json(desk.call(event("get-team.json", team))).get("openCount").asInt());

        body = json(ok(desk.call(event("reply-request.json", leaderOf(team), id))));
        assertNotNull(body.at("/sla/repliedAt").textValue());
        assertTrue(last(body).get("note").asText().startsWith("visit planned for 2036-11-29T02:00:00Z"));
        assertEquals("in_service", json(ok(desk.call(event("start-request.json", leaderOf(team), id))))
                .get("status").asText());
        body = json(ok(desk.call(event("resolve-request.json", leaderOf(team), id))));
        assertEquals("resolved", body.get("status").asText());
        assertNotNull(body.at("/sla/resolvedAt").textValue());
        assertEquals(0, json(desk.call(event("get-team.json", team))).get("openCount").asInt(), "resolving releases");
    }

    @Test
    void aDeclinedRequestMovesOnWithoutEveryTeamThatHadItUntilNoneIsLeftAndAnAlertIsRaised() {
        ServiceRequest request = desk.submit("resident-decline", "elderly_care", "xinbei");
        List<String> teams = new ArrayList<>();
        JsonNode body = null;
        for (String team = request.teamId(); team != null; team = body.path("teamId").textValue()) {
            assertFalse(teams.contains(team), "back to a team that declined it: " + teams);
            teams.add(team);
            body = json(ok(desk.call(event("decline-request.json", leaderOf(team), request.id()))));
        }
        assertTrue(teams.containsAll(List.of("xinbei-juandilv", "xinbei-linlicheng")), teams.toString());
        assertEquals("weiyang-jinglao", teams.get(teams.size() - 1), "the street's team after the community's");
        assertEquals("unrouted", body.get("status").asText());
        assertTrue(last(body).get("note").asText().contains("had it before"), last(body).toString());

        ServiceRequest unrouted = desk.find(request.id());
        Alert alert = Alert.raise(unrouted, 0, "unrouted", Desk.NOW);
        assertFalse(desk.table.client().getItem(b -> b.tableName(desk.table.name())
                .key(DynamoAlertRepository.key(alert.id()))).item().isEmpty(), "the unrouted alert is raised at once");
        APIGatewayV2HTTPResponse again = desk.call(event("decline-request.json", leaderOf(teams.get(0)), request.id()));
        assertEquals(409, again.getStatusCode(), "a retried decline learns the request has left the team");
    }

    @Test
    void aDispatcherSendsARequestToAnyActiveTeamAndOverCapacityOnlyWithAReason() {
        ServiceRequest request = desk.submit("resident-by-hand", "legal", "xinbei");
        JsonNode body = json(ok(desk.call(event("dispatch-request.json", request.id()))));
        assertEquals("xinbei-linlicheng", body.get("teamId").asText());
        assertTrue(last(body).get("note").asText().contains("by hand: 涓滴绿本周人手紧张"), last(body).toString());

        for (String paused : List.of("{\"teamId\":\"xinxingdong-lvse\"}", "{\"teamId\":\"no-such-team\"}")) {
            assertEquals(422, desk.call(withBody(event("dispatch-request.json", request.id()), paused)).getStatusCode());
        }
        APIGatewayV2HTTPResponse same = desk.call(event("dispatch-request.json", request.id()));
        assertEquals(409, same.getStatusCode(), "it is with that team already");

        String full = "yimian-weixiu";
        for (int i = desk.wiring.loads.load(full).openCount(); i < 3; i++) {
            desk.dispatchedTo("resident-filler-" + i, full);
        }
        APIGatewayV2HTTPResponse noReason = desk.call(withBody(event("dispatch-request.json", ADMIN, request.id()),
                "{\"teamId\":\"" + full + "\"}"));
        assertEquals(422, noReason.getStatusCode(), noReason.getBody());
        assertEquals("reason", json(noReason).at("/errors/0/field").asText());
        body = json(ok(desk.call(withBody(event("dispatch-request.json", ADMIN, request.id()),
                "{\"teamId\":\"" + full + "\",\"reason\":\"唯一能修水管的队\"}"))));
        assertTrue(last(body).get("note").asText().contains("over capacity 3/3, by hand: 唯一能修水管的队"));
        assertEquals(4, desk.wiring.loads.load(full).openCount());

        APIGatewayV2HTTPResponse stale = desk.call(withHeader(withBody(event("dispatch-request.json", ADMIN,
                request.id()), "{\"teamId\":\"xinbei-linlicheng\"}"), "If-Match", "\"1\""));
        assertEquals(409, stale.getStatusCode());
    }

    @Test
    void theFirstClaimOfAWishWins() {
        ServiceRequest wish = desk.submit("resident-wish", "education", "xinbei", "wish_wall");
        assertEquals(RequestStatus.OPEN_WISH, wish.status());
        JsonNode body = json(ok(desk.call(event("claim-wish.json", wish.id()))));
        assertEquals("dispatched", body.get("status").asText(), "claimed for the team, which accepts it next");
        assertEquals("xinbei-linlicheng", body.get("teamId").asText());

        APIGatewayV2HTTPResponse late = desk.call(withBody(event("claim-wish.json", leaderOf("weicheng-zhujiao"),
                wish.id()), "{\"teamId\":\"weicheng-zhujiao\"}"));
        assertEquals(409, late.getStatusCode());
        APIGatewayV2HTTPResponse forAnother = desk.call(event("claim-wish.json", leaderOf("xinbei-juandilv"), wish.id()));
        assertEquals(403, forAnother.getStatusCode(), "a leader claims for their own team only");
        ServiceRequest notAWish = desk.submit("resident-not-wish", "education", "xinbei");
        assertEquals(404, desk.call(event("claim-wish.json", notAWish.id())).getStatusCode());
    }

    @Test
    void teamsArePagedWithTheirLoadsAndAdminsWriteThem() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", "20") : Map.of("limit", "20", "cursor", cursor);
            JsonNode page = json(ok(desk.call(withQuery(event("list-teams.json", null), query))));
            page.get("items").forEach(team -> {
                assertTrue(seen.add(team.get("id").asText()));
                assertTrue(team.has("openCount"));
            });
            cursor = page.get("nextCursor").textValue();
        } while (cursor != null);
        assertTrue(seen.size() >= 43, "the demo district's 43 teams: " + seen.size());

        APIGatewayV2HTTPResponse got = ok(desk.call(event("get-team.json", null)));
        assertEquals("涓滴绿", json(got).get("name").asText());
        assertEquals("\"1\"", got.getHeaders().get("ETag"));

        APIGatewayV2HTTPResponse created = desk.call(event("create-team.json", null));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String location = created.getHeaders().get("Location");
        assertEquals(List.of("v0104"), List.of(json(created).get("members").get(0).asText()));
        assertEquals(200, desk.call(event("get-team.json", location.substring("/teams/".length()))).getStatusCode());

        JsonNode updated = json(ok(desk.call(event("put-team.json", null))));
        assertEquals(2, updated.get("version").asInt());
        assertEquals("sanpu", updated.get("areaIds").get(1).asText());
        APIGatewayV2HTTPResponse stale = desk.call(withHeader(event("put-team.json", null), "If-Match", "\"1\""));
        assertEquals(409, stale.getStatusCode());
    }

    @Test
    void categoriesAndAreasArePutByAdmins() {
        assertEquals(201, desk.call(event("put-category.json", null)).getStatusCode());
        assertEquals(200, desk.call(event("put-category.json", null)).getStatusCode(), "a second PUT replaces");
        JsonNode legal = json(ok(desk.call(withBody(event("put-category.json", "legal"),
                "{\"name\":\"法律援助\",\"clocks\":{\"respondMinutes\":10,\"replyMinutes\":30,\"resolveMinutes\":1440}}"))));
        assertTrue(legal.get("builtIn").asBoolean(), "a built-in category stays built in");
        JsonNode categories = json(desk.call(ApiEvents.load("list-categories.json")));
        assertTrue(categories.toString().contains("心理疏导"));

        assertEquals(201, desk.call(event("put-area.json", null)).getStatusCode());
        APIGatewayV2HTTPResponse orphan = desk.call(withBody(event("put-area.json", "floating"),
                "{\"name\":\"无街道社区\",\"type\":\"community\",\"parentId\":\"xinbei\"}"));
        assertEquals(422, orphan.getStatusCode(), "a community hangs under a street, not a community");
        APIGatewayV2HTTPResponse demote = desk.call(withBody(event("put-area.json", "weiyang"),
                "{\"name\":\"渭阳\",\"type\":\"community\",\"parentId\":\"wenhuilu\"}"));
        assertEquals(409, demote.getStatusCode(), "a street with communities stays a street");
    }

    @Test
    void volunteersJoinTheirTeamsAndTheirPhonesAreShownToTheirLeaders() {
        APIGatewayV2HTTPResponse created = desk.call(event("create-volunteer.json", null));
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode volunteer = json(created);
        assertEquals("13991234567", volunteer.get("phone").asText());
        assertEquals("xinbei-juandilv", volunteer.get("teamIds").get(0).asText());
        APIGatewayV2HTTPResponse replayed = desk.call(event("create-volunteer.json", null));
        assertEquals(200, replayed.getStatusCode(), "the same Idempotency-Key finds the first volunteer");
        assertEquals(volunteer.get("id"), json(replayed).get("id"));
        JsonNode team = json(desk.call(event("get-team.json", "xinbei-juandilv")));
        assertTrue(team.get("members").toString().contains(volunteer.get("id").asText()));

        assertEquals("18188339000", json(ok(desk.call(event("get-volunteer.json", null)))).get("phone").asText());
        assertEquals("181****9000", json(ok(desk.call(event("get-volunteer.json", resident("someone"), null))))
                .get("phone").asText());
        assertEquals("181****9000", json(ok(desk.call(event("get-volunteer.json", leaderOf("xinbei-tielulan"), null))))
                .get("phone").asText(), "another team's leader");
        assertEquals("18188339000", json(ok(desk.call(event("get-volunteer.json",
                ApiEvents.claims("v-self", "volunteer", null, null, "v0104"), null)))).get("phone").asText());
    }

    static JsonNode last(JsonNode request) {
        JsonNode timeline = request.get("timeline");
        return timeline.get(timeline.size() - 1);
    }
}
