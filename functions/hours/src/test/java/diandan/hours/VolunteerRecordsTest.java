package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.CO_LEADER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.OTHER_LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/** Trainings and awards on a volunteer's file: recorded by their leader or an admin, read as their hours are. */
@ExtendWith(DynaliteExtension.class)
class VolunteerRecordsTest {
    private static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
    }

    private static APIGatewayV2HTTPResponse post(String kind, String volunteer, String body, Map<String, String> claims) {
        return world.call(withBody(withPath(ApiEvents.load("post-volunteer-" + kind + ".json"), "id", volunteer), body),
                claims);
    }

    private static APIGatewayV2HTTPResponse list(String kind, String volunteer, Map<String, String> claims) {
        return world.call(withPath(ApiEvents.load("get-volunteer-" + kind + ".json"), "id", volunteer), claims);
    }

    @Test
    void aLeaderRecordsATrainingAndAnAdminAnAwardTheVolunteerReadsBoth() {
        JsonNode training = ok(201, post("trainings", "v-li", "{\"title\": \"急救培训\", \"organiser\": \"渭城区红十字会\", "
                + "\"date\": \"2026-11-20\"}", LEADER));
        assertEquals("training", training.get("kind").asText());
        ok(201, post("awards", "v-li", "{\"title\": \"优秀志愿者\", \"organiser\": \"渭城区文明办\", \"date\": \"2026-11-01\", "
                + "\"note\": \"年度表彰\"}", ADMIN));
        JsonNode trainings = ok(200, list("trainings", "v-li", VOLUNTEER_LI));
        assertEquals(1, trainings.get("items").size());
        assertEquals("急救培训", trainings.get("items").get(0).get("title").asText());
        JsonNode awards = ok(200, list("awards", "v-li", CO_LEADER));
        assertEquals("优秀志愿者", awards.get("items").get(0).get("title").asText());
        assertEquals("2026-11-01", awards.get("items").get(0).get("date").asText());
    }

    @Test
    void theVolunteerThemselfOtherTeamsAndBadFieldsAreRefused() {
        String body = "{\"title\": \"急救培训\", \"organiser\": \"红十字会\", \"date\": \"2026-11-20\"}";
        assertEquals(403, post("trainings", "v-li", body, VOLUNTEER_LI).getStatusCode(), "not their own");
        assertEquals(404, post("trainings", "v-li", body, OTHER_LEADER).getStatusCode(), "not their team");
        assertEquals(404, post("trainings", "v-nobody", body, ADMIN).getStatusCode());
        assertEquals(422, post("trainings", "v-wang", "{\"title\": \"\", \"organiser\": \"红十字会\", \"date\": \"2026-11-20\"}",
                LEADER).getStatusCode());
        assertEquals(422, post("trainings", "v-wang", "{\"title\": \"急救\", \"organiser\": \"红十字会\", \"date\": \"2026-12-20\"}",
                LEADER).getStatusCode(), "a day still to come");
        assertEquals(400, post("awards", "v-wang", "{\"title\": 5}", LEADER).getStatusCode());
        assertEquals(0, ok(200, list("trainings", "v-wang", LEADER)).get("items").size(), "nothing stored by the refusals");
    }

    @Test
    void aRetryUnderTheSameKeyAnswersTheFirstAnswerAndRecordsOnce() {
        String body = "{\"title\": \"心理疏导培训\", \"organiser\": \"渭城区民政局\", \"date\": \"2026-11-10\"}";
        APIGatewayV2HTTPResponse first = world.call(withHeader(withBody(withPath(ApiEvents.load(
                "post-volunteer-trainings.json"), "id", "v-sun"), body), "Idempotency-Key", "tr-sun-1"), LEADER);
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals("false", first.getHeaders().get("Idempotent-Replayed"));
        world.clock.advance(Duration.ofMinutes(3));
        APIGatewayV2HTTPResponse again = world.call(withHeader(withBody(withPath(ApiEvents.load(
                "post-volunteer-trainings.json"), "id", "v-sun"), body), "Idempotency-Key", "tr-sun-1"), LEADER);
        assertEquals(201, again.getStatusCode());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first.getBody(), again.getBody(), "the first answer, recorded time and all");
        assertEquals(1, ok(200, list("trainings", "v-sun", LEADER)).get("items").size(), "recorded once");

        APIGatewayV2HTTPResponse other = world.call(withHeader(withBody(withPath(ApiEvents.load(
                "post-volunteer-trainings.json"), "id", "v-sun"), body.replace("11-10", "11-11")), "Idempotency-Key",
                "tr-sun-1"), LEADER);
        assertEquals(422, other.getStatusCode(), "the same key for another training");
        assertEquals("application/problem+json", other.getHeaders().get("Content-Type"));
        assertEquals(1, ok(200, list("trainings", "v-sun", LEADER)).get("items").size());
        assertEquals(201, post("trainings", "v-sun", body, LEADER).getStatusCode(), "without a key, as before");
        assertEquals(2, ok(200, list("trainings", "v-sun", LEADER)).get("items").size());
    }
}
