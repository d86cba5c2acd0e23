package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * Star levels follow a volunteer's all-time certified hours: on their totals and certificate at once, on the
 * leaderboard after the rollup; down again after a correction; and the steps an admin of the deployment sets.
 */
@ExtendWith(DynaliteExtension.class)
class StarLevelRoutesTest {
    private static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
    }

    @BeforeEach
    void nationalSteps() {
        ok(200, put("{\"thresholds\":[100,300,600,1000,1500]}", ADMIN));
    }

    @Test
    void crossingOneHundredCertifiedHoursIsOneStarAfterTheRollupAndACorrectionTakesItAway() {
        String full = null;
        for (int i = 0; i < 4; i++) { // 4 x 24 h + 3.5 h = 99.5 h
            full = certified("v-li", 24);
        }
        certified("v-li", 3.5);
        world.rollup();
        assertLevels("v-li", 0);

        certified("v-li", 0.5);
        world.rollup();
        assertLevels("v-li", 1);

        String correction = ok(201, world.correct(full, 14, LEADER)).get("id").asText(); // 10 h fewer: 90 h
        ok(200, world.certify(correction, LEADER));
        world.rollup();
        assertLevels("v-li", 0);
    }

    @Test
    void levelsFollowTheStepsTheAdminSets() {
        certified("v-wang", 24);
        world.rollup();
        assertLevels("v-wang", 0);
        JsonNode set = ok(200, put("{\"thresholds\":[10,20,50]}", ADMIN));
        assertEquals("[10,20,50]", set.get("thresholds").toString());
        assertEquals("[10,20,50]", ok(200, world.call(ApiEvents.load("get-star-levels.json"), VOLUNTEER_LI))
                .get("thresholds").toString());
        assertLevels("v-wang", 2);
    }

    @Test
    void badStepsAreA422ThatChangesNothingAndOnlyTheDeploymentsAdminSetsThem() {
        for (String bad : new String[] {"{\"thresholds\":[]}", "{\"thresholds\":[0,100]}", "{\"thresholds\":[300,100]}",
                "{\"thresholds\":[100,100]}", "{\"thresholds\":[100.5]}", "{\"thresholds\":[1,2,3,4,5,6]}", "{}"}) {
            APIGatewayV2HTTPResponse answer = put(bad, ADMIN);
            assertEquals(422, answer.getStatusCode(), bad);
            assertEquals("application/problem+json", answer.getHeaders().get("Content-Type"), bad);
        }
        assertEquals(400, put("{\"thresholds\":[\"100\"]}", ADMIN).getStatusCode());
        assertEquals(403, put("{\"thresholds\":[10]}", ApiEvents.admin("admin-weicheng", "weicheng")).getStatusCode());
        assertEquals(403, put("{\"thresholds\":[10]}", VOLUNTEER_LI).getStatusCode());
        assertEquals("[100,300,600,1000,1500]", ok(200, world.call(ApiEvents.load("get-star-levels.json"), VOLUNTEER_LI))
                .get("thresholds").toString(), "the national steps, untouched");
    }

    private String certified(String volunteerId, double hours) {
        String id = world.pendingRecord(volunteerId, hours);
        ok(200, world.certify(id, LEADER));
        return id;
    }

    private static APIGatewayV2HTTPResponse put(String body, Map<String, String> claims) {
        return world.call(withBody(ApiEvents.load("put-star-levels.json"), body), claims);
    }

    /** The volunteer's level on their totals, on the certificate (JSON and page) and on the district's board. */
    private static void assertLevels(String volunteerId, int level) {
        assertEquals(level, ok(200, world.call(withPath(ApiEvents.load("volunteer-hours.json"), "id", volunteerId),
                LEADER)).get("starLevel").asInt(), "totals");
        assertEquals(level, ok(200, world.call(withHeader(withPath(ApiEvents.load("volunteer-certificate.json"), "id",
                volunteerId), "Accept", "application/json"), LEADER)).get("starLevel").asInt(), "certificate");
        String page = world.call(withHeader(withPath(ApiEvents.load("volunteer-certificate.json"), "id", volunteerId),
                "Accept", "text/html"), LEADER).getBody();
        assertEquals(level > 0, page.contains("星级：" + "★".repeat(Math.max(level, 1)) + "（"), "printable page");
        JsonNode board = ok(200, world.call(ApiEvents.withQuery(ApiEvents.load("get-leaderboard.json"),
                Map.of("scope", "volunteer", "period", "all", "areaId", "weicheng")), VOLUNTEER_LI));
        JsonNode entry = null;
        for (JsonNode item : board.get("items")) {
            if (item.get("id").asText().equals(volunteerId)) {
                entry = item;
            }
        }
        assertTrue(entry != null, board.toString());
        assertEquals(level, entry.get("starLevel").asInt(), "leaderboard");
    }
}
