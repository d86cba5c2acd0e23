package diandan.hours;

import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.CARE;
import static diandan.hours.HoursWorld.CO_LEADER;
import static diandan.hours.HoursWorld.DISPATCHER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.json;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.app.hours.HoursRollup;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.hours.SourceType;

/** HoursFunction end to end against dynalite: the event files in, the contract's JSON, HTML and CSV out. */
@ExtendWith(DynaliteExtension.class)
class HoursHandlerTest {
    static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
    }

    @BeforeEach
    void resetClock() {
        world.clock.set(HoursWorld.NOW);
    }

    @Test
    void aCorrectionReplacesTheHoursOnceCertifiedAndBothStayVisible() {
        String request = world.resolvedRequest();
        String original = world.recorded(request, "v-wang", 3);
        ok(200, world.certify(original, DISPATCHER));
        world.rollup();
        assertEquals("3", world.tallyOf("volunteer", "v-wang", "2026-11").get("hours").asText());
        long records = world.tallyOf("team", CARE, "all").get("records").asLong();
        double teamHours = world.tallyOf("team", CARE, "all").get("hours").asDouble();

        JsonNode correction = ok(201, world.correct(original, 2, LEADER));
        assertEquals("pending", correction.get("status").asText());
        assertEquals(original, correction.get("correctsId").asText());
        assertEquals(409, world.correct(original, 1.5, LEADER).getStatusCode(), "one correction per record");
        world.rollup();
        assertEquals("3", world.tallyOf("volunteer", "v-wang", "2026-11").get("hours").asText(), "uncertified: no change");

        ok(200, world.certify(correction.get("id").asText(), CO_LEADER));
        JsonNode own = ok(200, world.call(withPath(ApiEvents.load("volunteer-hours.json"), "id", "v-wang"), ADMIN));
        assertEquals("2", own.get("certifiedHours").asText(), "fresh at once");
        JsonNode items = own.get("items");
        assertEquals(2, items.size(), "both records stay visible");
        for (JsonNode item : items) {
            assertEquals(item.get("id").asText().equals(original) ? "superseded" : "certified", item.get("status").asText());
        }

        HoursRollup.Report report = world.rollup();
        assertEquals(2, report.records(), "the correction and the record it replaces move together");
        assertEquals("2", world.tallyOf("volunteer", "v-wang", "2026-11").get("hours").asText());
        assertEquals(1, world.tallyOf("volunteer", "v-wang", "all").get("records").asInt());
        assertEquals(records, world.tallyOf("team", CARE, "all").get("records").asLong(), "record counts stay right");
        assertEquals(teamHours - 1, world.tallyOf("team", CARE, "all").get("hours").asDouble());
        assertEquals(409, world.certify(original, ADMIN).getStatusCode(), "a superseded record stays superseded");
    }

    @Test
    void aCertifiedCorrectionOfAPendingRecordMeansTheRecordNeverCounts() {
        String request = world.resolvedRequest();
        String original = world.recorded(request, "v-sun", 8);
        String correction = ok(201, world.correct(original, 4, LEADER)).get("id").asText();
        ok(200, world.certify(correction, DISPATCHER));
        assertEquals(409, world.certify(original, DISPATCHER).getStatusCode());
        world.rollup();
        assertEquals("4", world.tallyOf("volunteer", "v-sun", "all").get("hours").asText());
        assertEquals(1, world.tallyOf("volunteer", "v-sun", "all").get("records").asInt());
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameRecordsAndADuplicateIsRefused() {
        String request = world.resolvedRequest();
        String body = "{\"source\":{\"type\":\"request\",\"id\":\"" + request + "\"},"
                + "\"entries\":[{\"volunteerId\":\"v-li\",\"hours\":1,\"date\":\"2026-11-28\"}]}";
        APIGatewayV2HTTPResponse first = world.call(withHeader(ApiEvents.withBody(ApiEvents.load("record-hours.json"), body),
                "Idempotency-Key", "k-" + request), LEADER);
        APIGatewayV2HTTPResponse retry = world.call(withHeader(ApiEvents.withBody(ApiEvents.load("record-hours.json"), body),
                "Idempotency-Key", "k-" + request), LEADER);
        assertEquals(201, retry.getStatusCode(), retry.getBody());
        assertEquals("true", retry.getHeaders().get("Idempotent-Replayed"));
        assertEquals(json(first).at("/items/0/id"), json(retry).at("/items/0/id"));

        APIGatewayV2HTTPResponse otherBody = world.call(withHeader(ApiEvents.withBody(ApiEvents.load("record-hours.json"),
                body.replace("\"hours\":1", "\"hours\":2")), "Idempotency-Key", "k-" + request), LEADER);
        assertEquals(422, otherBody.getStatusCode(), otherBody.getBody());
        APIGatewayV2HTTPEvent withoutKey = ApiEvents.withBody(ApiEvents.load("record-hours.json"), body);
        withoutKey.setHeaders(Map.of("content-type", "application/json"));
        APIGatewayV2HTTPResponse duplicate = world.call(withoutKey, LEADER);
        assertEquals(409, duplicate.getStatusCode(), duplicate.getBody());
        assertTrue(duplicate.getBody().contains("one record per volunteer per source"));
    }

    @Test
    void activitiesAreCreatedOnceListedAndRecordedAgainst() {
        APIGatewayV2HTTPResponse created = world.call(ApiEvents.load("create-activity.json"), LEADER);
        APIGatewayV2HTTPResponse again = world.call(ApiEvents.load("create-activity.json"), LEADER);
        JsonNode activity = ok(201, created);
        assertEquals(activity.get("id"), json(again).get("id"));
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(CARE, activity.get("teamId").asText());
        assertEquals("2026-11-21T01:00:00.000Z", activity.get("start").asText());

        JsonNode listed = ok(200, world.call(ApiEvents.load("list-activities.json"), VOLUNTEER_LI));
        assertTrue(listed.get("items").findValuesAsText("id").contains(activity.get("id").asText()));
        JsonNode byTeam = ok(200, world.call(withQuery(ApiEvents.load("list-activities.json"), Map.of("teamId", CARE)),
                VOLUNTEER_LI));
        assertTrue(byTeam.get("items").findValuesAsText("id").contains(activity.get("id").asText()));
        JsonNode inDistrict = ok(200, world.call(withQuery(ApiEvents.load("list-activities.json"), Map.of("areaId", "weicheng")), ADMIN));
        assertTrue(inDistrict.get("items").findValuesAsText("id").contains(activity.get("id").asText()));

        JsonNode record = ok(201, world.record(LEADER, SourceType.ACTIVITY, activity.get("id").asText(),
                "[{\"volunteerId\":\"v-chen\",\"hours\":4,\"date\":\"2026-11-21\",\"role\":\"组织\"}]"));
        assertEquals("新北社区敬老院周末陪伴", record.at("/items/0/content").asText());
        assertEquals(403, world.certify(record.at("/items/0/id").asText(), LEADER).getStatusCode(),
                "leader-chen is v-chen: nobody certifies their own hours");
        ok(200, world.certify(record.at("/items/0/id").asText(), CO_LEADER));
    }

    @Test
    void disputesShowUpForTheCertifiers() {
        String request = world.resolvedRequest();
        String record = world.recorded(request, "v-li", 2);
        JsonNode disputed = ok(200, world.dispute(record, VOLUNTEER_LI));
        assertTrue(disputed.get("disputed").asBoolean());
        assertEquals("volunteer-li", disputed.at("/disputes/0/by").asText());
        assertEquals("实际服务了3小时，不是2.5小时", disputed.at("/disputes/0/reason").asText());

        JsonNode forLeader = ok(200, world.call(withQuery(ApiEvents.load("list-hours.json"), Map.of("disputed", "true")),
                CO_LEADER));
        assertTrue(forLeader.get("items").findValuesAsText("id").contains(record));
        forLeader.get("items").forEach(item -> assertTrue(item.get("disputed").asBoolean()));
        JsonNode forDispatcher = ok(200, world.call(withQuery(ApiEvents.load("list-hours.json"),
                Map.of("disputed", "true", "status", "pending")), DISPATCHER));
        assertTrue(forDispatcher.get("items").findValuesAsText("id").contains(record));
    }

    @Test
    void theStreamEntryTakesTheEventFilesOfBothKinds() throws Exception {
        String tallyEvent = Files.readString(RepoRoot.find().resolve("events/get-tally.json"));
        JsonNode http = stream(tallyEvent);
        assertEquals(200, http.get("statusCode").asInt(), http.toString());
        assertEquals("application/json", http.at("/headers/Content-Type").asText());
        assertEquals("weiyang", Json.read(http.get("body").asText()).get("id").asText());

        JsonNode tick = stream(Files.readString(RepoRoot.find().resolve("events/hours-rollup-tick.json")));
        assertTrue(tick.get("ran").asBoolean(), tick.toString());

        JsonNode unauthenticated = stream(tallyEvent.replace("\"authorizer\"", "\"notAuthorizer\""));
        assertEquals(401, unauthenticated.get("statusCode").asInt());
    }

    private static JsonNode stream(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        world.handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.read(out.toByteArray());
    }

    @Test
    void everyEventFileOfTheFunctionAnswersWithoutAServerError() {
        for (String file : new String[] {"create-activity.json", "list-activities.json", "record-hours.json",
                "list-hours.json", "certify-hours.json", "correct-hours.json", "dispute-hours.json", "volunteer-hours.json",
                "volunteer-certificate.json", "get-tally.json", "get-leaderboard.json", "export-hours.json"}) {
            APIGatewayV2HTTPResponse response = world.handler.handle(ApiEvents.load(file));
            assertTrue(response.getStatusCode() < 500, file + " -> " + response.getStatusCode() + " " + response.getBody());
        }
        assertEquals(Instant.parse("2026-11-28T09:35:00Z").toEpochMilli(),
                ApiEvents.schedule("hours-rollup-tick.json").getTime().getMillis());
    }
}
