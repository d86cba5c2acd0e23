package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * Points follow certified hours through the rollup by the rule an admin of the deployment sets: from the star level
 * on, whole points, up to the cap, once however often the rollup runs; a correction takes its points back.
 */
@ExtendWith(DynaliteExtension.class)
class PointsRoutesTest {
    private static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
    }

    @Test
    void hoursEarnFromTheStarLevelUpToTheCapOnceAndACorrectionTakesThemBack() {
        ok(200, world.call(withBody(ApiEvents.load("put-star-levels.json"), "{\"thresholds\":[10]}"), ADMIN));
        ok(200, put("{\"pointsPerHour\":2,\"cap\":30,\"fromLevel\":1}", ADMIN));
        certified("v-wang", 8);
        world.rollup();
        assertEquals(0, world.wiring.points.balance("v-wang"), "8 h: below 1 star, nothing earned");

        String twelve = certified("v-wang", 12);
        world.rollup();
        assertEquals(24, world.wiring.points.balance("v-wang"), "20 h: 1 star, 12 h at 2 points");
        world.rollup();
        assertEquals(24, world.wiring.points.balance("v-wang"), "a run with nothing new adds nothing");

        certified("v-wang", 5);
        world.rollup();
        assertEquals(30, world.wiring.points.balance("v-wang"), "the cap stops earning");

        String correction = ok(201, world.correct(twelve, 2, LEADER)).get("id").asText();
        ok(200, world.certify(correction, LEADER));
        world.rollup();
        assertTrue(world.wiring.points.balance("v-wang") < 30, "the corrected hours' points are taken back");
        TallyAudit.assertTalliesMatchRecords(world.table);
    }

    @Test
    void aBadRuleIsA422ThatChangesNothingAndOnlyTheDeploymentsAdminSetsIt() {
        String before = ok(200, world.call(ApiEvents.load("get-points-rule.json"), VOLUNTEER_LI)).toString();
        for (String bad : new String[] {"{\"pointsPerHour\":-1,\"cap\":10,\"fromLevel\":1}",
                "{\"pointsPerHour\":1,\"cap\":10,\"fromLevel\":6}", "{\"pointsPerHour\":1,\"fromLevel\":1}", "{}"}) {
            APIGatewayV2HTTPResponse answer = put(bad, ADMIN);
            assertEquals(422, answer.getStatusCode(), bad);
            assertEquals("application/problem+json", answer.getHeaders().get("Content-Type"), bad);
        }
        assertEquals(400, put("{\"pointsPerHour\":\"1\",\"cap\":10,\"fromLevel\":1}", ADMIN).getStatusCode());
        assertEquals(403, put("{\"pointsPerHour\":1,\"cap\":10,\"fromLevel\":1}",
                ApiEvents.admin("admin-weicheng", "weicheng")).getStatusCode());
        assertEquals(403, put("{\"pointsPerHour\":1,\"cap\":10,\"fromLevel\":1}", VOLUNTEER_LI).getStatusCode());
        assertEquals(before, ok(200, world.call(ApiEvents.load("get-points-rule.json"), VOLUNTEER_LI)).toString());
    }

    private String certified(String volunteerId, double hours) {
        String id = world.pendingRecord(volunteerId, hours);
        ok(200, world.certify(id, LEADER));
        return id;
    }

    private static APIGatewayV2HTTPResponse put(String body, Map<String, String> claims) {
        return world.call(withBody(ApiEvents.load("put-points-rule.json"), body), claims);
    }
}
