package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Clocks;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;

/**
 * The SLA report against figures worked out by hand. Six requests submitted on 28 November at 10:00 (desk
 * promise: 15 min, 30 min, 24 h), one the day before (outside the period); judged on 30 November at noon.
 *
 * <pre>
 *        team    street    accepted  replied   resolved     respond  reply    resolve
 *   r1   team-a  weiyang   +5 min    +20 min   +60 min      met      met      met
 *   r2   team-a  weiyang   +20 min   +40 min   +30 h        missed   missed   missed
 *   r3   team-a  weiyang   +10 min   -         -            met      missed*  missed*   (* overdue)
 *   r4   team-b  wenhuilu  +14 min   +29 min   +59 min      met      met      met
 *   r5   team-b  wenhuilu  cancelled at +5 min              -        -        -         (never due)
 *   r6   (none)  weiyang   unrouted, respond escalated      missed   missed*  missed*
 * </pre>
 *
 * By team: team-a 3 requests, respond 2/3 met (median of 5, 20, 10 = 10 min), reply 1/3 (median of 20, 40 =
 * 30), resolve 1/3 (median of 60, 1800 = 930); team-b 2 requests, each promise 1/1 (14, 29, 59); no team:
 * 1 request, 0/1 each, no medians. Total: 6 requests, respond 3/5 = 0.6 (median of 5, 10, 14, 20 = 12),
 * reply 2/5 = 0.4 (median of 20, 29, 40 = 29), resolve 2/5 = 0.4 (median of 59, 60, 1800 = 60).
 */
@ExtendWith(DynaliteExtension.class)
class SlaReportTest {
    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-11-30T12:00:00Z");
    static final Map<String, String> PERIOD = Map.of("from", "2026-11-28T00:00:00Z", "to", "2026-11-29T00:00:00Z");
    static EscalationApiHandler handler;

    @BeforeAll
    static void setUp(LocalTable table) {
        Fixtures.loadDemoRegistry(table);
        var requests = Fixtures.requests(table);
        requests.create(served("r1", "team-a", Fixtures.XINBEI, "legal", 5, 20, 60));
        requests.create(served("r2", "team-a", Fixtures.XINBEI, "legal", 20, 40, 30 * 60));
        requests.create(served("r3", "team-a", Fixtures.SANPU, "legal", 10, null, null));
        requests.create(served("r4", "team-b", Fixtures.XIBEI_YIMIAN, "education", 14, 29, 59));
        ServiceRequest r5 = Fixtures.submitted("r5", T, Clocks.DESK_PROMISE, "team-b", Fixtures.XIBEI_YIMIAN, "education");
        requests.create(RequestLifecycle.cancel(r5, "resident-r5", "solved it myself", T.plus(minutes(5))));
        ServiceRequest r6 = Fixtures.submitted("r6", T, Clocks.DESK_PROMISE, null, Fixtures.XINBEI, "legal");
        requests.create(RequestLifecycle.escalate(r6, SlaClock.RESPOND, null, T.plus(minutes(15))));
        requests.create(served("r7", "team-a", Fixtures.XINBEI, "legal", 1, 2, 3));
        handler = new EscalationApiHandler(table.client(), table.name(), new MutableClock(AS_OF));
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** Submitted at T (r7: a day earlier), dispatched, then accepted, replied and resolved after these minutes. */
    private static ServiceRequest served(String id, String team, diandan.domain.AreaPath area, String category,
                                         Integer accepted, Integer replied, Integer resolved) {
        Instant at = id.equals("r7") ? T.minus(Duration.ofDays(1)) : T;
        ServiceRequest request = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, area, category);
        request = RequestLifecycle.accept(request, "leader", at.plus(minutes(accepted)));
        if (replied != null) {
            request = RequestLifecycle.reply(request, "leader", "coming", null, at.plus(minutes(replied)));
        }
        if (resolved != null) {
            request = RequestLifecycle.resolve(request, "leader", "done", at.plus(minutes(resolved)));
        }
        return request;
    }

    static JsonNode report(Map<String, String> caller, Map<String, String> query) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(withQuery(route("GET /reports/sla", caller), query), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    static int status(Map<String, String> caller, Map<String, String> query) {
        return handler.handleRequest(withQuery(route("GET /reports/sla", caller), query), null).getStatusCode();
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> query = new HashMap<>(base);
        query.put(name, value);
        return query;
    }

    /** requests, then per promise: judged, met, shareMet, medianMinutes (null when none). */
    static void assertSummary(JsonNode summary, int requests, Object... promises) {
        assertEquals(requests, summary.get("requests").asInt(), summary.toString());
        for (int i = 0; i < 3; i++) {
            JsonNode promise = summary.get(SlaClock.values()[i].code());
            assertEquals(promises[4 * i], promise.get("judged").asInt(), promise.toString());
            assertEquals(promises[4 * i + 1], promise.get("met").asInt(), promise.toString());
            assertEquals(promises[4 * i + 2], promise.get("shareMet").isNull() ? null : promise.get("shareMet").asDouble(),
                    SlaClock.values()[i] + " share " + promise);
            assertEquals(promises[4 * i + 3], promise.get("medianMinutes").isNull() ? null
                    : promise.get("medianMinutes").asDouble(), SlaClock.values()[i] + " median " + promise);
        }
    }

    @Test
    void byTeamMatchesTheFiguresWorkedOutByHand() throws Exception {
        JsonNode report = report(dispatcher("d-weicheng", "weicheng"), with(PERIOD, "groupBy", "team"));
        assertEquals("weicheng", report.get("areaId").asText());
        assertEquals("2026-11-30T12:00:00.000Z", report.get("asOf").asText());
        JsonNode groups = report.get("groups");
        assertEquals(3, groups.size());
        assertEquals("team-a", groups.get(0).get("key").asText());
        assertSummary(groups.get(0), 3, 3, 2, 0.6667, 10.0, 3, 1, 0.3333, 30.0, 3, 1, 0.3333, 930.0);
        assertEquals("team-b", groups.get(1).get("key").asText());
        assertSummary(groups.get(1), 2, 1, 1, 1.0, 14.0, 1, 1, 1.0, 29.0, 1, 1, 1.0, 59.0);
        assertEquals(true, groups.get(2).get("key").isNull(), "requests no team took");
        assertSummary(groups.get(2), 1, 1, 0, 0.0, null, 1, 0, 0.0, null, 1, 0, 0.0, null);
        assertSummary(report.get("total"), 6, 5, 3, 0.6, 12.0, 5, 2, 0.4, 29.0, 5, 2, 0.4, 60.0);
    }

    @Test
    void byStreetAndByCategory() throws Exception {
        JsonNode byStreet = report(admin("admin-wang", "weicheng"), with(PERIOD, "groupBy", "street")).get("groups");
        assertEquals(List.of("weiyang", "wenhuilu"), List.of(byStreet.get(0).get("key").asText(),
                byStreet.get(1).get("key").asText()));
        assertSummary(byStreet.get(0), 4, 4, 2, 0.5, 10.0, 4, 1, 0.25, 30.0, 4, 1, 0.25, 930.0);
        assertSummary(byStreet.get(1), 2, 1, 1, 1.0, 14.0, 1, 1, 1.0, 29.0, 1, 1, 1.0, 59.0);
        JsonNode byCategory = report(admin("admin-wang", "weicheng"), with(PERIOD, "groupBy", "category")).get("groups");
        assertEquals("education", byCategory.get(0).get("key").asText());
        assertEquals("legal", byCategory.get(1).get("key").asText());
        assertEquals(4, byCategory.get(1).get("requests").asInt());
    }

    @Test
    void aDispatcherSeesTheirOwnAreaOnly() throws Exception {
        assertEquals(2, report(dispatcher("d-wenhuilu", "wenhuilu"), with(PERIOD, "groupBy", "team"))
                .get("total").get("requests").asInt());
        assertEquals(3, report(dispatcher("d-xinbei", "xinbei"), with(PERIOD, "groupBy", "team"))
                .get("total").get("requests").asInt(), "r1, r2, r6: r3 is in sanpu");
        assertEquals(403, status(dispatcher("d-wenhuilu", "wenhuilu"),
                with(with(PERIOD, "groupBy", "team"), "areaId", "weiyang")));
    }

    @Test
    void refusesWhatItCannotAnswer() {
        Map<String, String> team = with(PERIOD, "groupBy", "team");
        assertEquals(401, status(null, team));
        assertEquals(403, status(resident("resident-zhang"), team));
        assertEquals(422, status(admin("a", "weicheng"), PERIOD), "groupBy is required");
        assertEquals(422, status(admin("a", "weicheng"), with(PERIOD, "groupBy", "weekday")));
        assertEquals(422, status(admin("a", "weicheng"), Map.of("groupBy", "team")), "a period is required");
        assertEquals(422, status(admin("a", "weicheng"), Map.of("groupBy", "team", "from", "2026-11-29T00:00:00Z",
                "to", "2026-11-28T00:00:00Z")));
        assertEquals(422, status(admin("a", "weicheng"), Map.of("groupBy", "team", "from", "2026-01-01T00:00:00Z",
                "to", "2027-01-02T00:00:01Z")), "longer than a year");
        assertEquals(422, status(admin("a", "weicheng"), with(team, "from", "yesterday")));
    }
}
