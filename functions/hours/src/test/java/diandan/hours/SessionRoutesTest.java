package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.DynamoSessionRepository;
import diandan.adapter.http.Claims;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.port.sessions.SessionRepository;

/**
 * The session routes through the handler: what each answers, that the secret never leaves, that only those who
 * run a session see its roster, and that malformed or hostile bodies are 4xx that change nothing.
 */
@ExtendWith(DynaliteExtension.class)
class SessionRoutesTest {
    static final Instant START = HoursWorld.NOW.plus(Duration.ofMinutes(30));
    static HoursWorld world;
    static String activity;
    static String session;
    /** A session with room for everyone, for the forged check-ins. */
    static String roomy;
    static SessionRepository store;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        activity = ok(201, world.call(withBody(ApiEvents.load("create-activity.json"), "{\"title\":\"义诊\","
                + "\"category\":\"elderly_care\",\"communityId\":\"xinbei\",\"start\":\"2026-11-28T00:00:00Z\","
                + "\"end\":\"2026-11-29T00:00:00Z\"}"), HoursWorld.LEADER)).get("id").asText();
        session = ok(201, create("{\"start\":\"" + START + "\",\"end\":\"" + START.plus(Duration.ofHours(2))
                + "\",\"address\":\"新北社区卫生服务站\",\"latitude\":34.3412,\"longitude\":108.9398,\"radiusMetres\":150,"
                + "\"quota\":1}")).get("id").asText();
        roomy = ok(201, create("{\"start\":\"" + START + "\",\"end\":\"" + START.plus(Duration.ofHours(2))
                + "\",\"address\":\"新北社区卫生服务站\",\"latitude\":34.3412,\"longitude\":108.9398,\"radiusMetres\":150,"
                + "\"quota\":20}")).get("id").asText();
        world.wiring.sessions.signUp(Claims.caller(HoursWorld.VOLUNTEER_WANG), roomy);
        store = new DynamoSessionRepository(table.client(), table.name());
    }

    @BeforeEach
    void resetClock() {
        world.clock.set(HoursWorld.NOW);
    }

    /** Under a key of its own, as a client sends a new session. */
    static APIGatewayV2HTTPResponse create(String body) {
        return world.call(ApiEvents.withHeader(withBody(withPath(ApiEvents.load("create-session.json"), "id", activity),
                body), "Idempotency-Key", java.util.UUID.randomUUID().toString()), HoursWorld.LEADER);
    }

    @Test
    void aRetryAnswersTheSameSessionAndAnotherBodyUnderItsKeyIsRefused() {
        APIGatewayV2HTTPEvent event = ApiEvents.withHeader(withBody(withPath(ApiEvents.load("create-session.json"), "id",
                activity), "{\"start\":\"2026-11-28T12:00:00Z\",\"end\":\"2026-11-28T13:00:00Z\",\"address\":\"x\","
                + "\"quota\":3}"), "Idempotency-Key", "retry-key");
        APIGatewayV2HTTPResponse first = world.call(event, HoursWorld.LEADER);
        APIGatewayV2HTTPResponse again = world.call(event, HoursWorld.LEADER);
        assertEquals(ok(201, first).get("id"), ok(201, again).get("id"));
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(422, world.call(withBody(event, "{\"start\":\"2026-11-28T12:00:00Z\",\"end\":"
                + "\"2026-11-28T13:00:00Z\",\"address\":\"x\",\"quota\":4}"), HoursWorld.LEADER).getStatusCode());
    }

    static APIGatewayV2HTTPResponse call(String file, String body, Map<String, String> claims) {
        APIGatewayV2HTTPEvent event = withPath(ApiEvents.load(file), "id", session);
        return world.call(body == null ? event : withBody(event, body), claims);
    }

    @Test
    void aVolunteerSignsUpWaitsAndChecksInAndTheLeaderSeesTheRosterButNobodyTheSecret() {
        assertEquals("signed_up", ok(200, call("sign-up-session.json", "{}", HoursWorld.VOLUNTEER_LI)).get("state").asText());
        JsonNode waiting = ok(200, call("sign-up-session.json", "{}", HoursWorld.VOLUNTEER_WANG));
        assertEquals("waitlisted", waiting.get("state").asText());
        assertEquals(1, waiting.get("position").asInt());

        JsonNode asLeader = ok(200, call("get-session.json", null, HoursWorld.LEADER));
        assertEquals("[\"v-li\"]", asLeader.get("members").toString());
        assertEquals("[\"v-wang\"]", asLeader.get("waitlist").toString());
        JsonNode asVolunteer = ok(200, call("get-session.json", null, HoursWorld.VOLUNTEER_WANG));
        assertFalse(asVolunteer.has("members"));
        assertEquals("waitlisted", asVolunteer.get("you").get("state").asText());
        assertEquals(1, asVolunteer.get("signedUp").asInt());
        for (JsonNode view : new JsonNode[] {asLeader, asVolunteer}) {
            assertFalse(view.toString().contains("secret"));
        }

        JsonNode code = ok(200, call("get-check-in-code.json", null, HoursWorld.LEADER));
        assertTrue(code.get("code").asText().matches("\\d{6}"));
        JsonNode in = ok(200, call("check-in.json", "{\"code\":\"" + code.get("code").asText() + "\"}",
                HoursWorld.VOLUNTEER_LI));
        assertEquals(HoursWorld.NOW.toString(), Instant.parse(in.get("checkedInAt").asText()).toString());
        world.clock.set(START.plus(Duration.ofMinutes(100)));
        JsonNode out = ok(200, call("check-out.json", "{\"latitude\":34.3413,\"longitude\":108.9399}",
                HoursWorld.VOLUNTEER_LI));
        assertEquals("check_in", out.get("record").get("capture").asText());
        assertEquals(1.5, out.get("record").get("hours").asDouble());
        assertEquals("pending", out.get("record").get("status").asText());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                 | {"start":                                                              | 400
            unknown field            | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":1,"secret":"s"} | 400
            quota as text            | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":"20"} | 400
            quota zero               | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":0} | 422
            quota huge               | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":99999999999} | 400
            latitude alone           | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":1,"latitude":34.3} | 422
            latitude off the globe   | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":1,"latitude":91,"longitude":1,"radiusMetres":100} | 422
            radius too large         | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","address":"x","quota":1,"latitude":34,"longitude":108,"radiusMetres":100000} | 422
            outside the activity     | {"start":"2026-11-29T12:00:00Z","end":"2026-11-29T13:00:00Z","address":"x","quota":1} | 422
            too short                | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T12:10:00Z","address":"x","quota":1} | 422
            no address               | {"start":"2026-11-28T12:00:00Z","end":"2026-11-28T13:00:00Z","quota":1}              | 422
            """)
    void aMalformedSessionIsRefusedAndNothingIsCreated(String name, String body, int status) {
        int sessionsBefore = ok(200, world.call(withPath(ApiEvents.load("list-sessions.json"), "id", activity),
                HoursWorld.RESIDENT)).get("items").size();
        APIGatewayV2HTTPResponse response = create(body);
        assertEquals(status, response.getStatusCode(), name + ": " + response.getBody());
        assertEquals(sessionsBefore, ok(200, world.call(withPath(ApiEvents.load("list-sessions.json"), "id", activity),
                HoursWorld.RESIDENT)).get("items").size());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            no proof                 | {}                                                      | 422
            both proofs              | {"code":"123456","latitude":34.3412,"longitude":108.9398} | 422
            code as number           | {"code":123456}                                         | 400
            code far too long        | {"code":"1234567890123"}                                | 422
            wrong code               | {"code":"000000"}                                       | 422
            latitude without longitude | {"latitude":34.3412}                                  | 422
            position far away        | {"latitude":-34.3412,"longitude":-108.9398}             | 422
            unknown field            | {"code":"123456","volunteerId":"v-wang"}                | 400
            """)
    void aForgedCheckInIsRefusedAndChangesNothing(String name, String body, int status) {
        APIGatewayV2HTTPResponse response = world.call(withBody(withPath(ApiEvents.load("check-in.json"), "id", roomy),
                body), HoursWorld.VOLUNTEER_WANG);
        assertEquals(status, response.getStatusCode(), name + ": " + response.getBody());
        assertTrue(store.attendance(roomy, "v-wang").isEmpty());
    }

    @Test
    void unknownOrMalformedSessionIdsAreNotFound() {
        for (String id : new String[] {"s-none", "../../etc", "SESS#x", "a".repeat(500)}) {
            APIGatewayV2HTTPResponse response = world.call(withPath(ApiEvents.load("get-session.json"), "id", id),
                    HoursWorld.VOLUNTEER_LI);
            assertEquals(404, response.getStatusCode(), id);
        }
    }
}
