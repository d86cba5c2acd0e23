package diandan.assignment;

import static diandan.assignment.Desk.event;
import static diandan.assignment.Desk.json;
import static diandan.devkit.ApiEvents.leader;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.http.Views;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;

/**
 * Claiming a wish from the wall: only a team routing could send it to may claim it (category served, area
 * covered, active, below capacity), only its own leader claims for it, and the resident's contact stays masked
 * until the team accepts, as for any request dispatched to a team.
 */
@ExtendWith(DynaliteExtension.class)
class WishClaimTest {
    static final String PHONE = "13912345678";
    static final String NAME = "李秀英";
    static Desk desk;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
    }

    static APIGatewayV2HTTPResponse claim(String leaderOf, String teamId, String wishId) {
        return desk.call(withBody(event("claim-wish.json", leader("leader-of-" + leaderOf, leaderOf), wishId),
                "{\"teamId\":\"" + teamId + "\"}"));
    }

    /** Refused with a problem that says why, no contact data in it, and the wish still on the wall for all. */
    static void refused(APIGatewayV2HTTPResponse answer, int status, String why, ServiceRequest wish, String team) {
        assertEquals(status, answer.getStatusCode(), answer.getBody());
        assertEquals("application/problem+json", answer.getHeaders().get("Content-Type"));
        assertTrue(json(answer).get("detail").asText().contains(why), answer.getBody());
        assertFalse(answer.getBody().contains(PHONE) || answer.getBody().contains(NAME), answer.getBody());
        ServiceRequest stored = desk.find(wish.id());
        assertEquals(RequestStatus.OPEN_WISH, stored.status());
        assertEquals(wish.version(), stored.version(), "nothing written");
        assertEquals(0, desk.wiring.loads.load(team).openCount(), team + " took nothing");
    }

    @Test
    void aTeamThatDoesNotServeTheCategoryCannotClaim() {
        // xinbei-linlicheng covers xinbei, but for elderly care, culture and education: not legal aid
        ServiceRequest wish = desk.submit("resident-claim-legal", "legal", "xinbei", "wish_wall");
        refused(claim("xinbei-linlicheng", "xinbei-linlicheng", wish.id()), 403, "does not serve legal", wish,
                "xinbei-linlicheng");
    }

    @Test
    void aTeamThatDoesNotCoverTheCommunityCannotClaim() {
        // wenhuilu-zhuxue teaches, in another street
        ServiceRequest wish = desk.submit("resident-claim-far", "education", "xinbei", "wish_wall");
        refused(claim("wenhuilu-zhuxue", "wenhuilu-zhuxue", wish.id()), 403, "in xinbei", wish, "wenhuilu-zhuxue");
    }

    @Test
    void aPausedTeamCannotClaim() {
        ServiceRequest wish = desk.submit("resident-claim-paused", "sanitation_environment", "xinxing-east",
                "wish_wall");
        APIGatewayV2HTTPResponse answer = claim("xinxingdong-lvse", "xinxingdong-lvse", wish.id());
        refused(answer, 422, "paused", wish, "xinxingdong-lvse");
        assertEquals("teamId", json(answer).at("/errors/0/field").asText());
    }

    @Test
    void aFullTeamCannotClaim() {
        String team = "sanpu-xiaoxiao"; // education in sanpu, capacity 3
        ServiceRequest wish = desk.submit("resident-claim-full", "education", "sanpu", "wish_wall");
        for (int i = 0; i < 3; i++) {
            desk.dispatchedTo("resident-filling-" + i, team);
        }
        APIGatewayV2HTTPResponse answer = claim(team, team, wish.id());
        assertEquals(409, answer.getStatusCode(), answer.getBody());
        assertTrue(json(answer).get("detail").asText().contains("at capacity (3/3)"), answer.getBody());
        assertEquals(RequestStatus.OPEN_WISH, desk.find(wish.id()).status());
        assertEquals(3, desk.wiring.loads.load(team).openCount());
    }

    @Test
    void aLeaderClaimsForTheirOwnTeamOnly() {
        // weicheng-zhujiao could take it (education, district-wide), but the caller leads xinbei-linlicheng
        ServiceRequest wish = desk.submit("resident-claim-other", "education", "xinbei", "wish_wall");
        refused(claim("xinbei-linlicheng", "weicheng-zhujiao", wish.id()), 403, "only a leader of team weicheng-zhujiao",
                wish, "weicheng-zhujiao");
    }

    @Test
    void anEligibleClaimDispatchesTheWishAndTheContactStaysMaskedUntilTheTeamAccepts() {
        String team = "xinbei-linlicheng";
        Map<String, String> leader = leader("leader-of-" + team, team);
        ServiceRequest wish = desk.submit("resident-claim-ok", "education", "xinbei", "wish_wall");

        APIGatewayV2HTTPResponse claimed = claim(team, team, wish.id());
        assertEquals(200, claimed.getStatusCode(), claimed.getBody());
        JsonNode body = json(claimed);
        assertEquals("dispatched", body.get("status").asText(), "claiming takes the wish; accepting it is the next step");
        assertEquals(team, body.get("teamId").asText());
        assertTrue(body.at("/sla/respondedAt").isNull() || body.at("/sla/respondedAt").isMissingNode(),
                "the respond clock runs until the team accepts");
        masked(body);
        assertEquals(1, desk.wiring.loads.load(team).openCount());

        ServiceRequest seen = desk.wiring.intake.get(Desk.caller(leader), wish.id());
        masked(Views.request(seen, desk.wiring.intake.seesContact(Desk.caller(leader), seen)));
        JsonNode queue = json(desk.call(withQuery(event("team-requests.json", leader, team), Map.of("status", "dispatched"))));
        queue.get("items").forEach(WishClaimTest::masked);

        APIGatewayV2HTTPResponse accepted = desk.call(event("accept-request.json", leader, wish.id()));
        assertEquals(200, accepted.getStatusCode(), accepted.getBody());
        body = json(accepted);
        assertEquals("accepted", body.get("status").asText());
        assertEquals(PHONE, body.get("contactPhone").asText(), "the team sees the contact once it has taken the wish on");
        assertEquals(NAME, body.get("contactName").asText());
        assertEquals("xinbei社区5号楼", body.get("address").asText());
        assertFalse(body.at("/sla/respondedAt").isNull());
    }

    static void masked(JsonNode request) {
        assertEquals("139****5678", request.get("contactPhone").asText(), request.toString());
        assertEquals("李**", request.get("contactName").asText());
        assertFalse(request.get("address").asText().contains("5号楼"), request.get("address").asText());
    }
}
