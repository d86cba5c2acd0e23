package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.DISPATCHER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.json;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.hours.SourceType;

/**
 * Every rule of recording, correcting, disputing and reading hours, one case each: what is refused, with which
 * status, naming which field. Malformed input is a 400, a broken rule a 422, a clash with what exists a 409.
 */
@ExtendWith(DynaliteExtension.class)
class HoursValidationTest {
    static HoursWorld world;
    /** The care team accepted it at 23:00 on 25 November and resolved it at 01:00 on 26 November, Beijing time. */
    static String overnightRequest;
    static String activity;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        overnightRequest = world.resolvedRequest(HoursWorld.CARE, Instant.parse("2026-11-25T15:00:00Z"),
                Instant.parse("2026-11-25T17:00:00Z"));
        activity = world.activity();
    }

    @BeforeEach
    void resetClock() {
        world.clock.set(HoursWorld.NOW);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                        | {"source":                                                                                  | 400 |
            unknown field                   | {"source":{"type":"request","id":"{request}"},"entries":[],"extra":1}                       | 400 | extra
            unknown source field            | {"source":{"type":"request","id":"{request}","teamId":"x"},"entries":[]}                    | 400 | source.teamId
            entries not a list              | {"source":{"type":"request","id":"{request}"},"entries":{}}                                 | 400 | entries
            entry not an object             | {"source":{"type":"request","id":"{request}"},"entries":[1]}                                | 400 | entries[0]
            hours as text                   | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":"2","date":"2026-11-28"}]} | 400 | entries[0].hours
            unknown entry field             | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28","rate":9}]} | 400 | entries[0].rate
            no source                       | {"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"}]}                          | 422 | source.type
            unknown source type             | {"source":{"type":"task","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"}]} | 422 | source.type
            source id not an id             | {"source":{"type":"request","id":"../r1"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"}]} | 422 | source.id
            no entries                      | {"source":{"type":"request","id":"{request}"}}                                              | 422 | entries
            empty entries                   | {"source":{"type":"request","id":"{request}"},"entries":[]}                                 | 422 | entries
            no volunteer                    | {"source":{"type":"request","id":"{request}"},"entries":[{"hours":2,"date":"2026-11-28"}]}  | 422 | entries[0].volunteerId
            no hours                        | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","date":"2026-11-28"}]} | 422 | entries[0].hours
            zero hours                      | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":0,"date":"2026-11-28"}]} | 422 | entries[0].hours
            negative hours                  | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":-1,"date":"2026-11-28"}]} | 422 | entries[0].hours
            more than 24 hours              | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":24.5,"date":"2026-11-28"}]} | 422 | entries[0].hours
            quarter hours                   | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":1.25,"date":"2026-11-28"}]} | 422 | entries[0].hours
            no date                         | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2}]} | 422 | entries[0].date
            date not ISO                    | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"28/11/2026"}]} | 422 | entries[0].date
            date before the service         | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-27"}]} | 422 | entries[0].date
            date after the service          | {"source":{"type":"request","id":"{overnight}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-27"}]} | 422 | entries[0].date
            date before the activity        | {"source":{"type":"activity","id":"{activity}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-20"}]} | 422 | entries[0].date
            not a member of the team        | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-zhou","hours":2,"date":"2026-11-28"}]} | 422 | entries[0].volunteerId
            unknown volunteer               | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-nobody","hours":2,"date":"2026-11-28"}]} | 422 | entries[0].volunteerId
            one volunteer twice             | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"},{"volunteerId":"v-li","hours":1,"date":"2026-11-28"}]} | 422 | entries[1].volunteerId
            role too long                   | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28","role":"{long}"}]} | 422 | entries[0].role
            control character in a note     | {"source":{"type":"request","id":"{request}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28","note":"a\\u0007b"}]} | 422 | entries[0].note
            request not resolved            | {"source":{"type":"request","id":"{accepted}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"}]} | 409 |
            unknown request                 | {"source":{"type":"request","id":"r-none"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"}]} | 404 |
            unknown activity                | {"source":{"type":"activity","id":"a-none"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-28"}]} | 404 |
            overnight: the Beijing day after | {"source":{"type":"request","id":"{overnight}"},"entries":[{"volunteerId":"v-li","hours":2,"date":"2026-11-26"}]} | 201 |
            overnight: the Beijing day before | {"source":{"type":"request","id":"{overnight}"},"entries":[{"volunteerId":"v-wang","hours":2,"date":"2026-11-25"}]} | 201 |
            activity: a day it lasted       | {"source":{"type":"activity","id":"{activity}"},"entries":[{"volunteerId":"v-li","hours":4,"date":"2026-11-21"}]} | 201 |
            """)
    void recordingRules(String rule, String body, int status, String field) {
        String filled = body.replace("{request}", world.resolvedRequest()).replace("{overnight}", overnightRequest)
                .replace("{activity}", activity).replace("{long}", "x".repeat(51))
                .replace("{accepted}", body.contains("{accepted}") ? world.acceptedRequest() : "");
        APIGatewayV2HTTPResponse response = world.call(withBody(withHeader(ApiEvents.load("record-hours.json"),
                "Idempotency-Key", UUID.randomUUID().toString()), filled), LEADER);
        assertProblem(response, status, field);
    }

    @Test
    void aDateInTheFutureIsRefusedEvenWithinTheActivity() {
        world.clock.set(Instant.parse("2026-11-21T02:00:00Z"));
        APIGatewayV2HTTPResponse response = world.record(LEADER, SourceType.ACTIVITY, activity,
                "[{\"volunteerId\":\"v-wang\",\"hours\":1,\"date\":\"2026-11-22\"}]");
        // the activity lasted only the 21st; a date within a longer, ongoing activity but after today is refused too
        assertProblem(response, 422, "entries[0].date");
        String longActivity = ok(201, world.call(withBody(withHeader(ApiEvents.load("create-activity.json"),
                "Idempotency-Key", UUID.randomUUID().toString()), "{\"title\":\"冬季扫雪\",\"category\":\"sanitation_environment\","
                + "\"communityId\":\"xinbei\",\"start\":\"2026-11-20T00:00:00Z\",\"end\":\"2026-12-20T00:00:00Z\"}"), LEADER))
                .get("id").asText();
        response = world.record(LEADER, SourceType.ACTIVITY, longActivity,
                "[{\"volunteerId\":\"v-wang\",\"hours\":1,\"date\":\"2026-11-22\"}]");
        assertProblem(response, 422, "entries[0].date");
        assertTrue(json(response).at("/errors/0/message").asText().contains("future"));
        assertEquals(201, world.record(LEADER, SourceType.ACTIVITY, longActivity,
                "[{\"volunteerId\":\"v-wang\",\"hours\":1,\"date\":\"2026-11-21\"}]").getStatusCode());
    }

    @Test
    void atMost24HoursPerVolunteerPerDayAcrossAllRecords() {
        String first = world.resolvedRequest();
        String second = world.resolvedRequest();
        ok(201, world.record(LEADER, SourceType.REQUEST, first, "[{\"volunteerId\":\"v-sun\",\"hours\":20,\"date\":\"2026-11-28\"}]"));
        APIGatewayV2HTTPResponse over = world.record(LEADER, SourceType.REQUEST, second,
                "[{\"volunteerId\":\"v-sun\",\"hours\":4.5,\"date\":\"2026-11-28\"}]");
        assertProblem(over, 422, "entries[0].hours");
        ok(201, world.record(LEADER, SourceType.REQUEST, second, "[{\"volunteerId\":\"v-sun\",\"hours\":4,\"date\":\"2026-11-28\"}]"));
        String third = world.resolvedRequest();
        assertProblem(world.record(LEADER, SourceType.REQUEST, third,
                "[{\"volunteerId\":\"v-sun\",\"hours\":0.5,\"date\":\"2026-11-28\"}]"), 422, "entries[0].hours");
    }

    @Test
    void theDailyLimitHoldsUnderConcurrentRecording() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(world.resolvedRequest());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = requests.stream().<Callable<Integer>>map(r -> () -> world.record(LEADER,
                    SourceType.REQUEST, r, "[{\"volunteerId\":\"v-chen\",\"hours\":4,\"date\":\"2026-11-28\"}]")
                    .getStatusCode()).toList();
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.merge(result.get(), 1, Integer::sum);
            }
            assertEquals(6, statuses.getOrDefault(201, 0), "6 × 4 h = 24 h: " + statuses);
            assertEquals(2, statuses.getOrDefault(422, 0) + statuses.getOrDefault(409, 0), statuses.toString());
        } finally {
            pool.shutdown();
        }
        JsonNode own = ok(200, world.call(withPath(ApiEvents.load("volunteer-hours.json"), "id", "v-chen"), ADMIN));
        assertEquals("24", own.get("pendingHours").asText());
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() {
        APIGatewayV2HTTPResponse response = world.call(withHeader(ApiEvents.load("record-hours.json"), "Idempotency-Key",
                "x".repeat(129)), LEADER);
        assertEquals(400, response.getStatusCode(), response.getBody());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            same hours as the record    | {"hours":1.5,"reason":"recount"} | 422 | hours
            no reason                   | {"hours":2}                      | 422 | reason
            third of an hour            | {"hours":0.3,"reason":"recount"} | 422 | hours
            hours as text               | {"hours":"2","reason":"recount"} | 400 | hours
            """)
    void correctionRules(String rule, String body, int status, String field) {
        String record = world.pendingRecord("v-li", 1.5);
        assertProblem(world.call(withBody(withPath(ApiEvents.load("correct-hours.json"), "id", record), body), LEADER),
                status, field);
    }

    @Test
    void aSupersededRecordIsNeitherCorrectedNorDisputedAgain() {
        String record = world.pendingRecord("v-li", 1.5);
        String correction = ok(201, world.correct(record, 2, LEADER)).get("id").asText();
        ok(200, world.certify(correction, DISPATCHER));
        assertEquals(409, world.correct(record, 3, LEADER).getStatusCode());
        assertEquals(409, world.dispute(record, VOLUNTEER_LI).getStatusCode());
        assertEquals(201, world.correct(correction, 2.5, LEADER).getStatusCode(), "a correction of the correction");
    }

    @Test
    void disputesNeedAReasonAndAreBounded() {
        String record = world.pendingRecord("v-li", 1.5);
        assertProblem(world.call(withBody(withPath(ApiEvents.load("dispute-hours.json"), "id", record), "{}"),
                VOLUNTEER_LI), 422, "reason");
        for (int i = 0; i < 10; i++) {
            ok(200, world.dispute(record, VOLUNTEER_LI));
        }
        assertEquals(409, world.dispute(record, VOLUNTEER_LI).getStatusCode());
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            get-tally.json       | scope=team_area,id=x,period=all               | volunteerLi | 422 | scope
            get-tally.json       | scope=team,period=all                         | volunteerLi | 422 | id
            get-tally.json       | scope=team,id=x,period=2026-13                | volunteerLi | 422 | period
            get-tally.json       | scope=community,id=nowhere,period=all         | volunteerLi | 422 | id
            get-tally.json       | scope=street,id=xinbei,period=all             | volunteerLi | 422 | id
            get-tally.json       | scope=category,id=knitting,period=all         | volunteerLi | 422 | id
            get-tally.json       | scope=city,id=weicheng,period=all             | volunteerLi | 422 | id
            get-tally.json       | scope=province,id=xianyang,period=2026        | volunteerLi | 422 | id
            get-tally.json       | scope=city,id=xianyang,period=2026-11         | volunteerLi | 200 |
            get-tally.json       | scope=team,id=x                               | volunteerLi | 200 |
            get-leaderboard.json | scope=community,period=all                    | volunteerLi | 422 | scope
            get-leaderboard.json | scope=team,limit=0                            | volunteerLi | 422 | limit
            get-leaderboard.json | scope=team,areaId=nowhere                     | volunteerLi | 422 | areaId
            get-leaderboard.json | scope=team,period=2026-11,areaId=xinbei        | volunteerLi | 200 |
            export-hours.json    | to=2026-11-30                                 | dispatcher  | 422 | from
            export-hours.json    | from=2026-11-30,to=2026-11-01                 | dispatcher  | 422 | to
            export-hours.json    | from=2025-01-01,to=2026-11-30                 | dispatcher  | 422 | to
            export-hours.json    | from=2026-11-01,to=2026-11-30,areaId=nowhere  | dispatcher  | 422 | areaId
            export-hours.json    | from=2026-11-01,to=2026-11-30,areaId=weicheng | dispatcher  | 403 |
            export-hours.json    | from=2026-11-01,to=2026-11-30,areaId=xinbei   | dispatcher  | 200 |
            list-hours.json      | status=done                                   | leader      | 422 | status
            list-hours.json      | disputed=maybe                                | leader      | 422 | disputed
            list-hours.json      | teamId=team-legal                             | leader      | 403 |
            list-hours.json      | areaId=wenhuilu                               | dispatcher  | 403 |
            list-activities.json | teamId=team-care,communityId=xinbei           | volunteerLi | 422 | teamId
            list-activities.json | areaId=nowhere                                | volunteerLi | 422 | areaId
            list-activities.json | from=yesterday                                | volunteerLi | 422 | from
            """)
    void queryRules(String file, String query, String caller, int status, String field) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split(",")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Map<String, String> claims = switch (caller) {
            case "leader" -> LEADER;
            case "dispatcher" -> DISPATCHER;
            default -> VOLUNTEER_LI;
        };
        assertProblem(world.call(withQuery(ApiEvents.load(file), parameters), claims), status, field);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            no title          | {"category":"elderly_care","communityId":"xinbei","start":"2026-11-21T01:00:00Z","end":"2026-11-21T05:00:00Z"} | 422 | title
            unknown category  | {"title":"t","category":"knitting","communityId":"xinbei","start":"2026-11-21T01:00:00Z","end":"2026-11-21T05:00:00Z"} | 422 | category
            not a community   | {"title":"t","category":"elderly_care","communityId":"weiyang","start":"2026-11-21T01:00:00Z","end":"2026-11-21T05:00:00Z"} | 422 | communityId
            no start          | {"title":"t","category":"elderly_care","communityId":"xinbei","end":"2026-11-21T05:00:00Z"} | 422 | start
            end before start  | {"title":"t","category":"elderly_care","communityId":"xinbei","start":"2026-11-21T05:00:00Z","end":"2026-11-21T01:00:00Z"} | 422 | end
            longer than a year | {"title":"t","category":"elderly_care","communityId":"xinbei","start":"2025-01-01T00:00:00Z","end":"2026-11-21T01:00:00Z"} | 422 | end
            start not a time  | {"title":"t","category":"elderly_care","communityId":"xinbei","start":"Saturday","end":"2026-11-21T05:00:00Z"} | 422 | start
            unknown field     | {"title":"t","teamId":"team-legal"} | 400 | teamId
            """)
    void activityRules(String rule, String body, int status, String field) {
        assertProblem(world.call(withBody(withHeader(ApiEvents.load("create-activity.json"), "Idempotency-Key",
                UUID.randomUUID().toString()), body), LEADER), status, field);
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String field) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        if (status >= 400) {
            assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        }
        if (field != null && !field.isBlank()) {
            List<String> fields = json(response).path("errors").findValuesAsText("field");
            assertTrue(fields.contains(field), "expected an error on " + field + ": " + response.getBody());
        }
    }
}
