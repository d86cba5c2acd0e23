package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * A resident's phone, name and address are shown whole only to the resident, dispatchers of the area and the
 * team once it has accepted; a volunteer's phone only to the volunteer, leaders of their teams, dispatchers and
 * admins (docs/api.md, "Roles"). Everyone else, admins included for residents, sees them masked ({@code 138****5678}), in
 * single answers and in lists alike; the wish wall shows no contact data at all.
 */
@ExtendWith(DynaliteExtension.class)
class ContactMaskingTest {
    /** What the world's requests were submitted with. */
    static final String PHONE = "13812345678";
    static final String NAME = "张桂兰";
    static final String ADDRESS = "新北社区3号楼2单元501";
    /** v-li's phone in the hours tests' world. */
    static final String VOLUNTEER_PHONE = "13912345678";

    static World world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new World(table);
    }

    @Test
    void aRequestShowsItsContactWholeOnlyToItsResidentItsDispatchersAndTheTeamOnceItAccepted() {
        String owner = world.newResident();
        String id = world.dispatchedRequest(owner);
        for (Who who : List.of(Who.OWNER, Who.AREA_DISPATCHER)) {
            assertWhole(request(id, who, owner), who + " before acceptance");
        }
        for (Who who : List.of(Who.SERVING_LEADER, Who.ADMIN)) {
            assertMasked(request(id, who, owner), who + " before acceptance");
        }
        accept(id);
        for (Who who : List.of(Who.OWNER, Who.AREA_DISPATCHER, Who.SERVING_LEADER)) {
            assertWhole(request(id, who, owner), who + " after acceptance");
        }
        assertMasked(request(id, Who.ADMIN, owner), "an admin after acceptance");
    }

    @Test
    void listsMaskWhatTheSingleAnswerMasks() {
        String owner = world.newResident();
        String id = world.dispatchedRequest(owner);
        JsonNode queue = ok(call(ApiEvents.withQuery(ApiEvents.withPath(ApiEvents.load("team-requests.json"), "id",
                World.SERVING_TEAM), Map.of("status", "dispatched", "limit", "100")), Who.SERVING_LEADER, owner));
        assertMasked(item(queue, id), "the team's queue before acceptance");
        JsonNode district = ok(call(ApiEvents.withQuery(ApiEvents.load("list-requests.json"),
                Map.of("status", "dispatched", "limit", "100")), Who.ADMIN, owner));
        assertMasked(item(district, id), "an admin's list");
        JsonNode own = ok(call(ApiEvents.withQuery(ApiEvents.load("list-requests.json"), Map.of()), Who.OWNER, owner));
        assertWhole(item(own, id), "the resident's own list");

        world.openWish(owner);
        String wall = call(ApiEvents.withQuery(ApiEvents.load("list-wishes.json"), Map.of("limit", "100")), Who.OTHER_RESIDENT,
                owner).getBody();
        for (String personal : List.of(PHONE, NAME, ADDRESS, "138****", "contactName", "contactPhone", "address")) {
            assertFalse(wall.contains(personal), "the wish wall shows no " + personal);
        }
    }

    @Test
    void aVolunteersPhoneIsWholeOnlyForThemTheirLeadersDispatchersAndAdmins() {
        for (Who who : Who.values()) {
            if (who == Who.NOBODY) {
                continue;
            }
            String phone = ok(call(ApiEvents.withPath(ApiEvents.load("get-volunteer.json"), "id", World.VOLUNTEER), who,
                    "resident-x")).get("phone").asText();
            boolean entitled = List.of(Who.VOLUNTEER, Who.SERVING_LEADER, Who.AREA_DISPATCHER, Who.FAR_DISPATCHER,
                    Who.ADMIN, Who.DEPLOYMENT_ADMIN).contains(who);
            assertEquals(entitled ? VOLUNTEER_PHONE : "139****5678", phone, who.column);
        }
        String certificate = call(ApiEvents.withPath(ApiEvents.load("volunteer-certificate.json"), "id", World.VOLUNTEER),
                Who.VOLUNTEER, "resident-x").getBody();
        assertFalse(certificate.contains(VOLUNTEER_PHONE), "the printed certificate masks the phone: " + certificate);
    }

    private static void accept(String id) {
        assertEquals(200, call(ApiEvents.withPath(ApiEvents.load("accept-request.json"), "id", id), Who.SERVING_LEADER,
                "nobody-in-particular").getStatusCode());
    }

    private static JsonNode request(String id, Who who, String owner) {
        return ok(call(ApiEvents.withPath(ApiEvents.load("get-request.json"), "id", id), who, owner));
    }

    private static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event, Who who, String owner) {
        return world.deployment.call(ApiEvents.as(event, who.claims(owner)));
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        try {
            return Json.read(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }

    private static JsonNode item(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("request " + id + " is not in " + page);
    }

    private static void assertWhole(JsonNode request, String who) {
        assertEquals(PHONE, request.get("contactPhone").asText(), who);
        assertEquals(NAME, request.get("contactName").asText(), who);
        assertEquals(ADDRESS, request.get("address").asText(), who);
    }

    private static void assertMasked(JsonNode request, String who) {
        assertEquals("138****5678", request.get("contactPhone").asText(), who);
        assertEquals("张**", request.get("contactName").asText(), who);
        assertTrue(request.get("address").asText().endsWith("****"), who + ": " + request.get("address"));
        assertFalse(request.toString().contains(PHONE) || request.toString().contains(ADDRESS), who + ": " + request);
    }
}
