package diandan.system;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Alert;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.hours.ServiceDates;
import diandan.hours.HoursWorld;

/**
 * Two districts of one city in one deployment (the demo registry: 渭城区 weicheng and 秦都区 qindu in 咸阳市
 * xianyang): every caller of district weicheng, on every route that names or lists district qindu's things (its
 * requests in each state, its wish, teams, volunteers, hours records, alerts, areas), gets 403 or 404, or a 2xx
 * whose body names nothing of qindu's. The routes that are public by design (the wish wall, activities, tallies and
 * the leaderboard, categories, the clock policy) are left out; docs/security.md says why.
 */
@ExtendWith(DynaliteExtension.class)
class CrossDistrictTest {
    /** The other district's things: what no body of an answer to a caller of weicheng may name. */
    static final Set<String> OTHER_DISTRICT = ConcurrentHashMap.newKeySet();
    static final String COMMUNITY = "chenyang-east";
    static final String WISH_COMMUNITY = "xilan-west";
    /** The community team of chenyang-east: routing sends its elderly care there. */
    static final String TEAM = "chenyang-weixiu";
    static final String DISTRICT_TEAM = "qindu-jinglao";
    static final String VOLUNTEER = "v0206";
    static final Map<String, String> LEADER = ApiEvents.claims("leader-chenyang", "team_leader volunteer", TEAM, null,
            "v0205");

    /** The callers of weicheng, by role and level. */
    static final Map<String, Map<String, String>> CALLERS = new LinkedHashMap<>();

    static {
        OTHER_DISTRICT.addAll(List.of("qindu", "chenyangzhai", "xilanlu", COMMUNITY, WISH_COMMUNITY, TEAM,
                DISTRICT_TEAM, "v0204", "v0205", VOLUNTEER, "秦都", "陈杨", "西兰"));
        CALLERS.put("districtAdmin", ApiEvents.claims("admin-weicheng", "admin", null, "weicheng", null));
        CALLERS.put("districtDispatcher", ApiEvents.dispatcher("dispatcher-weicheng", "weicheng"));
        CALLERS.put("streetDispatcher", HoursWorld.DISPATCHER);
        CALLERS.put("leader", HoursWorld.LEADER);
        CALLERS.put("volunteer", HoursWorld.VOLUNTEER_LI);
    }

    static World world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new World(table);
        // every request the probes make goes to the community's team, however many stay open
        Team team = world.hours.wiring.base.registryStore.findTeam(TEAM).orElseThrow();
        world.hours.wiring.base.registryStore.putTeam(new Team(team.id(), team.name(), team.categories(),
                team.areaIds(), Team.MAX_CAPACITY, team.leaders(), team.members(), team.active(), team.version()));
        world.hours.wiring.base.registry.invalidate();
    }

    /**
     * What a probe does to the other district: a route's event, aimed at one of its things made fresh for the probe
     * and met by every caller in turn (a caller let through wrongly answers with that thing, which fails the cell).
     *
     * @param directory a read of the registry's public directory (areas, teams, volunteers), which residents and
     *                  volunteers read whole: they belong to no district
     */
    record Probe(String name, boolean directory, Supplier<APIGatewayV2HTTPEvent> make) {
        Probe(String name, Supplier<APIGatewayV2HTTPEvent> make) {
            this(name, false, make);
        }

        private static final Map<String, APIGatewayV2HTTPEvent> MADE = new ConcurrentHashMap<>();

        APIGatewayV2HTTPEvent event() {
            return MADE.computeIfAbsent(name, n -> make.get());
        }
    }

    static List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("GET a request", () -> withPath(load("get-request.json"), "id", dispatched())));
        probes.add(new Probe("cancel a request", () -> withPath(load("cancel-request.json"), "id", dispatched())));
        probes.add(new Probe("rate a request", () -> withPath(load("rate-request.json"), "id", resolved().requestId())));
        probes.add(new Probe("dispatch a request to its own district's team", () -> withBody(
                withPath(load("dispatch-request.json"), "id", dispatched()), teamBody(DISTRICT_TEAM))));
        probes.add(new Probe("dispatch a request to a team of weicheng", () -> withBody(
                withPath(load("dispatch-request.json"), "id", dispatched()), teamBody(World.SERVING_TEAM))));
        probes.add(new Probe("dispatch a weicheng request to its team", () -> withBody(
                withPath(load("dispatch-request.json"), "id", world.dispatchedRequest(world.newResident())),
                teamBody(DISTRICT_TEAM))));
        for (String change : List.of("accept-request.json", "decline-request.json")) {
            probes.add(new Probe(change, () -> withPath(load(change), "id", dispatched())));
        }
        for (String change : List.of("reply-request.json", "start-request.json", "resolve-request.json")) {
            probes.add(new Probe(change, () -> withPath(load(change), "id", accepted())));
        }
        probes.add(new Probe("claim its wish", () -> withBody(withPath(load("claim-wish.json"), "id", wish()),
                "{\"teamId\": \"" + World.SERVING_TEAM + "\"}")));
        probes.add(new Probe("submit by hotline in its community", () -> withBody(load("submit-hotline-request.json"),
                "{\"category\": \"home_repair\", \"description\": \"楼道灯坏了\", \"communityId\": \"" + COMMUNITY
                        + "\", \"address\": \"陈杨东社区1号楼\", \"contactName\": \"王建国\", \"contactPhone\": \"029-33221100\","
                        + " \"channel\": \"hotline\"}")));
        probes.add(new Probe("list its area's requests", () -> withQuery(load("list-requests.json"),
                Map.of("areaId", "qindu"))));
        probes.add(new Probe("list its community's requests", () -> withQuery(load("list-requests.json"),
                Map.of("communityId", COMMUNITY))));
        probes.add(new Probe("list its team's requests", () -> withQuery(load("list-requests.json"),
                Map.of("teamId", TEAM))));
        probes.add(new Probe("list requests as by default", () -> {
            dispatched();
            return withQuery(load("list-requests.json"), Map.of("status", "dispatched"));
        }));
        probes.add(new Probe("its team's queue", () -> withPath(load("team-requests.json"), "id", TEAM)));
        probes.add(new Probe("GET its team", true, () -> withPath(load("get-team.json"), "id", DISTRICT_TEAM)));
        probes.add(new Probe("PUT its team", () -> withPath(load("put-team.json"), "id", DISTRICT_TEAM)));
        probes.add(new Probe("create a team in it", () -> withBody(load("create-team.json"), "{\"name\": \"新队\","
                + " \"categories\": [\"elderly_care\"], \"areaIds\": [\"" + COMMUNITY + "\"], \"capacity\": 4}")));
        probes.add(new Probe("list teams", true, () -> withQuery(load("list-teams.json"), Map.of("limit", "100"))));
        probes.add(new Probe("list areas", true, () -> load("list-areas.json")));
        probes.add(new Probe("put an area in it", () -> withPath(withBody(load("put-area.json"),
                "{\"name\": \"陈杨西社区\", \"type\": \"community\", \"parentId\": \"chenyangzhai\"}"), "id", "chenyang-west")));
        probes.add(new Probe("register a volunteer for its team", () -> withHeader(withBody(load("create-volunteer.json"),
                "{\"name\": \"马秀兰\", \"phone\": \"13991234567\", \"teamIds\": [\"" + DISTRICT_TEAM + "\"]}"),
                "Idempotency-Key", UUID.randomUUID().toString())));
        probes.add(new Probe("GET its volunteer", true, () -> withPath(load("get-volunteer.json"), "id", VOLUNTEER)));
        probes.add(new Probe("PUT its volunteer", () -> withPath(load("put-volunteer.json"), "id", VOLUNTEER)));
        probes.add(new Probe("its volunteer's hours", () -> withPath(load("volunteer-hours.json"), "id", VOLUNTEER)));
        probes.add(new Probe("its volunteer's certificate", () -> withPath(load("volunteer-certificate.json"), "id",
                VOLUNTEER)));
        probes.add(new Probe("record hours for its request", () -> {
            World.Served served = resolved();
            return withHeader(withBody(load("record-hours.json"), hoursBody(served)), "Idempotency-Key",
                    UUID.randomUUID().toString());
        }));
        for (String change : List.of("certify-hours.json", "correct-hours.json", "dispute-hours.json")) {
            probes.add(new Probe(change, () -> withPath(load(change), "id", pendingRecord())));
        }
        probes.add(new Probe("list its area's hours", () -> withQuery(load("list-hours.json"), Map.of("areaId", "qindu"))));
        probes.add(new Probe("list its team's hours", () -> {
            pendingRecord();
            return withQuery(load("list-hours.json"), Map.of("teamId", TEAM));
        }));
        probes.add(new Probe("export its hours", () -> withQuery(load("export-hours.json"),
                Map.of("from", "2026-11-01", "to", "2026-11-30", "areaId", "qindu"))));
        probes.add(new Probe("ack its alert", () -> withPath(load("ack-alert.json"), "id", alert())));
        probes.add(new Probe("list its alerts", () -> withQuery(load("list-alerts.json"), Map.of("areaId", "qindu"))));
        probes.add(new Probe("list alerts as by default", () -> {
            alert();
            return load("list-alerts.json");
        }));
        probes.add(new Probe("its SLA report", () -> withQuery(load("sla-report.json"), Map.of("from",
                "2026-11-01T00:00:00Z", "to", "2026-12-01T00:00:00Z", "groupBy", "team", "areaId", "qindu"))));
        probes.add(new Probe("its city's SLA report", () -> withQuery(load("sla-report.json"), Map.of("from",
                "2026-11-01T00:00:00Z", "to", "2026-12-01T00:00:00Z", "groupBy", "district", "areaId", "xianyang"))));
        probes.add(new Probe("the SLA report as by default", () -> {
            dispatched();
            return withQuery(load("sla-report.json"), Map.of("from", "2026-11-01T00:00:00Z", "to",
                    "2026-12-01T00:00:00Z", "groupBy", "team"));
        }));
        return probes;
    }

    @TestFactory
    Stream<DynamicTest> noCallerOfOneDistrictSeesAnythingOfTheOther() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Probe probe : probes()) {
            for (Map.Entry<String, Map<String, String>> caller : CALLERS.entrySet()) {
                if (probe.directory() && caller.getKey().equals("volunteer")) {
                    continue;
                }
                cells.add(DynamicTest.dynamicTest(probe.name() + " by " + caller.getKey(), () -> {
                    APIGatewayV2HTTPResponse response = world.deployment.call(ApiEvents.as(probe.event(),
                            caller.getValue()));
                    int status = response.getStatusCode();
                    assertTrue(status == 200 || status == 403 || status == 404,
                            "refused (403, 404) or answered without the other district's things: " + status + " "
                                    + response.getBody());
                    if (status == 200) {
                        OTHER_DISTRICT.forEach(thing -> assertFalse(response.getBody().contains(thing),
                                "names '" + thing + "' of district qindu: " + response.getBody()));
                    }
                }));
            }
        }
        return cells.stream();
    }

    @Test
    void theMatrixIsNotVacuousTheOtherDistrictsOwnDeskSeesItsThings() {
        String id = dispatched();
        assertEquals(200, call(withPath(load("get-request.json"), "id", id),
                ApiEvents.claims("admin-qindu", "admin", null, "qindu", null)).getStatusCode());
        assertEquals(200, call(withPath(load("get-request.json"), "id", id),
                ApiEvents.dispatcher("dispatcher-qindu", "qindu")).getStatusCode());
        assertEquals(200, call(withPath(load("get-request.json"), "id", id), HoursWorld.ADMIN).getStatusCode(),
                "an admin whose token names no area: the whole deployment, as before");
        assertEquals(404, call(withPath(load("get-request.json"), "id", world.dispatchedRequest(world.newResident())),
                ApiEvents.dispatcher("dispatcher-qindu", "qindu")).getStatusCode(), "and the other way round");
    }

    @Test
    void aCityDispatcherSeesItsDistrictsAndSendsARequestAcrossOnlyByHand() {
        Map<String, String> city = ApiEvents.dispatcher("dispatcher-xianyang", "xianyang");
        String id = dispatched();
        assertEquals(200, call(withPath(load("get-request.json"), "id", id), city).getStatusCode());
        APIGatewayV2HTTPResponse across = call(withBody(withPath(load("dispatch-request.json"), "id", id),
                teamBody(World.SERVING_TEAM)), city);
        assertEquals(200, across.getStatusCode(), across.getBody());
        assertEquals(World.SERVING_TEAM, json(across).get("teamId").asText());

        String ofWeicheng = world.dispatchedRequest(world.newResident());
        APIGatewayV2HTTPResponse refused = call(withBody(withPath(load("dispatch-request.json"), "id", ofWeicheng),
                teamBody(DISTRICT_TEAM)), ApiEvents.dispatcher("dispatcher-weicheng", "weicheng"));
        assertEquals(403, refused.getStatusCode(), "a district's dispatcher keeps its requests in its district");
        assertTrue(refused.getBody().contains("another district"), refused.getBody());
        assertEquals(422, call(withQuery(load("list-requests.json"), Map.of()), city).getStatusCode(),
                "a city's lists name one of its districts: partitions are a district's");
        assertEquals(200, call(withQuery(load("list-requests.json"), Map.of("areaId", "qindu")), city).getStatusCode());
        APIGatewayV2HTTPResponse report = call(withQuery(load("sla-report.json"), Map.of("from", "2026-11-01T00:00:00Z",
                "to", "2026-12-01T00:00:00Z", "groupBy", "district")), city);
        assertEquals(200, report.getStatusCode(), report.getBody());
        assertEquals("xianyang", json(report).get("areaId").asText(), "a city's SLA report adds its districts'");
        String withItsTeam = dispatched();
        JsonNode teamList = json(call(withQuery(load("list-requests.json"), Map.of("teamId", TEAM, "limit", "100")),
                city));
        assertTrue(teamList.toString().contains(withItsTeam), "a team's requests, narrowed to its district: " + teamList);
    }

    @Test
    void aDistrictsAdminSeesItsOwnAreasAndTheCityAboveNotItsNeighbours() {
        JsonNode areas = json(call(load("list-areas.json"), CALLERS.get("districtAdmin")));
        List<String> ids = new ArrayList<>();
        areas.get("items").forEach(a -> ids.add(a.get("id").asText()));
        assertTrue(ids.containsAll(List.of("xianyang", "weicheng", "weiyang", "xinbei")), ids.toString());
        assertFalse(ids.contains("qindu"), ids.toString());
        JsonNode cityView = json(call(load("list-areas.json"), ApiEvents.claims("admin-xianyang", "admin", null,
                "xianyang", null)));
        assertTrue(cityView.toString().contains("qindu") && cityView.toString().contains("weicheng"));
    }

    // the other district's things, made fresh through its own callers and use cases

    static APIGatewayV2HTTPEvent load(String file) {
        return ApiEvents.load(file);
    }

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        return world.deployment.call(ApiEvents.as(event, claims));
    }

    static String teamBody(String teamId) {
        return "{\"teamId\": \"" + teamId + "\", \"reason\": \"跨区调派\"}";
    }

    static String hoursBody(World.Served served) {
        return "{\"source\": {\"type\": \"request\", \"id\": \"" + served.requestId() + "\"}, \"entries\": [{\"volunteerId\": \""
                + VOLUNTEER + "\", \"hours\": 1, \"date\": \"" + served.day() + "\"}]}";
    }

    static ServiceRequest submitted(String community, String channel) {
        ServiceRequest request = world.hours.wiring.base.intake.submit(Claims.caller(ApiEvents.resident(
                "qindu-" + world.newResident())), new NewRequest("elderly_care", "独居老人需要每周代购生活用品", community,
                "陈杨东社区3号楼", "张桂兰", "13812345678", channel, null, null), UUID.randomUUID().toString()).request();
        OTHER_DISTRICT.add(request.id());
        return request;
    }

    /** Routed by the system to the community's team of chenyang-east. */
    static String dispatched() {
        ServiceRequest request = submitted(COMMUNITY, "mini_program");
        assertEquals(TEAM, request.teamId(), "routing keeps it in its district");
        return request.id();
    }

    static String accepted() {
        String id = dispatched();
        world.hours.wiring.base.dispatch.accept(Claims.caller(LEADER), id, null);
        return id;
    }

    static String wish() {
        return submitted(WISH_COMMUNITY, "wish_wall").id();
    }

    /** Accepted and resolved on a day of its own, from 09:00 to 12:00 Beijing time. */
    static synchronized World.Served resolved() {
        LocalDate day = world.hours.freshDay();
        Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        Instant saved = world.hours.clock.instant();
        try {
            world.hours.clock.set(morning.minus(Duration.ofMinutes(5)));
            String id = dispatched();
            world.hours.clock.set(morning);
            world.hours.wiring.base.dispatch.accept(Claims.caller(LEADER), id, null);
            world.hours.clock.set(morning.plus(Duration.ofHours(3)));
            world.hours.wiring.base.dispatch.resolve(Claims.caller(LEADER), id, null, "已送达");
            return new World.Served(id, day);
        } finally {
            world.hours.clock.set(saved);
        }
    }

    static String pendingRecord() {
        APIGatewayV2HTTPResponse recorded = call(withHeader(withBody(load("record-hours.json"), hoursBody(resolved())),
                "Idempotency-Key", UUID.randomUUID().toString()), LEADER);
        assertEquals(201, recorded.getStatusCode(), recorded.getBody());
        String id = json(recorded).at("/items/0/id").asText();
        OTHER_DISTRICT.add(id);
        return id;
    }

    static String alert() {
        ServiceRequest request = world.hours.wiring.base.requests.find(dispatched()).orElseThrow();
        Alert alert = Alert.raise(request, 1, "respond deadline missed", world.hours.clock.instant());
        world.hours.wiring.base.alerts.raise(alert);
        OTHER_DISTRICT.add(alert.id());
        return alert.id();
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.read(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }
}
