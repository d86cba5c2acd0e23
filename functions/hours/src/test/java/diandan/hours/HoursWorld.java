package diandan.hours;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.HoursWiring;
import diandan.adapter.Wiring;
import diandan.adapter.crypto.IdentityKeys;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.app.hours.HoursRollup;
import diandan.app.registry.DemoRegistry;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.ServiceDates;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.port.registry.RegistryRepository;

/**
 * A district for hours tests on one table: the demo areas, teams with members, resolved requests and
 * activities, the handler under a clock the test moves, and short ways to call its routes. The system tests
 * build their world on it too, hence the public parts.
 * <p>
 * Team care (team-care): leaders leader-chen (volunteer v-chen) and leader-sun (volunteer v-sun), members v-li,
 * v-wang, v-chen, v-sun; covers weiyang. Team legal (team-legal): leader leader-he, member v-zhou; district-wide.
 * Teams and volunteers are put in the registry as the registry stores them.
 */
public final class HoursWorld {
    public static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    public static final String CARE = "team-care";
    public static final String LEGAL = "team-legal";

    public static final Map<String, String> LEADER = ApiEvents.claims("leader-chen", "team_leader volunteer", CARE, null, "v-chen");
    public static final Map<String, String> CO_LEADER = ApiEvents.claims("leader-sun", "team_leader volunteer", CARE, null, "v-sun");
    public static final Map<String, String> OTHER_LEADER = ApiEvents.claims("leader-he", "team_leader volunteer", LEGAL, null, "v-zhou");
    public static final Map<String, String> VOLUNTEER_LI = ApiEvents.claims("volunteer-li", "volunteer", null, null, "v-li");
    public static final Map<String, String> VOLUNTEER_WANG = ApiEvents.claims("volunteer-wang", "volunteer", null, null, "v-wang");
    public static final Map<String, String> DISPATCHER = ApiEvents.dispatcher("dispatcher-zhao", "weiyang");
    public static final Map<String, String> FAR_DISPATCHER = ApiEvents.dispatcher("dispatcher-qian", "wenhuilu");
    public static final Map<String, String> ADMIN = ApiEvents.admin("admin");
    public static final Map<String, String> RESIDENT = ApiEvents.resident("resident-zhang");

    public final LocalTable table;
    public final MutableClock clock;
    public final HoursWiring wiring;
    final HoursHandler handler;
    private final AtomicInteger days = new AtomicInteger();

    public HoursWorld(LocalTable table) {
        this(table, HoursRollup.Settings.standard());
    }

    HoursWorld(LocalTable table, HoursRollup.Settings rollup) {
        this(table, new MutableClock(NOW), rollup);
    }

    /** On {@code clock}: a test double that lags by the test's time shares it. */
    HoursWorld(LocalTable table, MutableClock clock, HoursRollup.Settings rollup) {
        this.table = table;
        this.clock = clock;
        DemoRegistry.loadInto(table);
        RegistryRepository registry = new DynamoRegistryRepository(table.client(), table.name());
        for (String[] volunteer : new String[][] {{"v-li", "李晓梅", "13912345678"}, {"v-wang", "王建国", "13887654321"},
                {"v-chen", "陈立", "13700001111"}, {"v-sun", "孙悦", "13600002222"}, {"v-zhou", "周敏", "13500003333"}}) {
            registry.putVolunteer(new Volunteer(volunteer[0], volunteer[1], volunteer[2]));
        }
        registry.putTeam(new Team(CARE, "新北社区助老服务队", List.of("elderly_care", "legal"), List.of("weiyang"), 10,
                List.of("leader-chen", "leader-sun"), List.of("v-li", "v-wang", "v-chen", "v-sun"), true, 1));
        registry.putTeam(new Team(LEGAL, "渭城法律服务队", List.of("legal"), List.of("weicheng"), 10, List.of("leader-he"),
                List.of("v-zhou"), true, 1));
        this.wiring = new HoursWiring(new Wiring(table.client(), table.name(), clock,
                IdentityKeys.openingFromEnvironment(table.client(), table.name())), rollup);
        this.handler = new HoursHandler(wiring);
    }

    /** A request in xinbei (street weiyang) the team accepted at {@code accepted} and resolved at {@code resolved}. */
    String resolvedRequest(String teamId, Instant accepted, Instant resolved) {
        return resolvedRequest(teamId, "xinbei", "elderly_care", accepted, resolved);
    }

    /** Submitted by a resident, routed (or dispatched by hand) to the team, accepted and resolved by its leader. */
    String resolvedRequest(String teamId, String communityId, String category, Instant accepted, Instant resolved) {
        return resolvedRequest(someResident(), teamId, communityId, category, accepted, resolved);
    }

    private String resolvedRequest(String resident, String teamId, String communityId, String category,
                                   Instant accepted, Instant resolved) {
        Instant saved = clock.instant();
        clock.set(accepted.minus(Duration.ofMinutes(5)));
        String id = servedBy(resident, teamId, communityId, category);
        Caller leader = leaderOf(teamId);
        clock.set(accepted);
        wiring.base.dispatch.accept(leader, id, null);
        clock.set(resolved);
        wiring.base.dispatch.resolve(leader, id, null, "已送达");
        clock.set(saved);
        return id;
    }

    private String servedBy(String resident, String teamId, String communityId, String category) {
        ServiceRequest submitted = wiring.base.intake.submit(Claims.caller(ApiEvents.resident(resident)),
                new NewRequest(category, "独居老人需要每周代购生活用品", communityId, "新北社区3号楼2单元501", "张桂兰",
                        "13812345678", "mini_program", null, null), UUID.randomUUID().toString()).request();
        if (!teamId.equals(submitted.teamId())) {
            wiring.base.dispatch.dispatch(Claims.caller(ADMIN), submitted.id(), null, teamId, "hours tests");
        }
        return submitted.id();
    }

    private static String someResident() {
        return "resident-" + UUID.randomUUID();
    }

    private static Caller leaderOf(String teamId) {
        return Claims.caller(ApiEvents.claims("leader-of-" + teamId, "team_leader", teamId, null, null));
    }

    /** A request the care team served on 2026-11-28 (Beijing time). */
    String resolvedRequest() {
        return resolvedRequest(LocalDate.parse("2026-11-28"));
    }

    /** A request the care team served from 09:00 to 12:00 (Beijing time) on {@code day}. */
    String resolvedRequest(LocalDate day) {
        return resolvedRequest(someResident(), day);
    }

    /** The same, submitted by {@code resident}. */
    public String resolvedRequest(String resident, LocalDate day) {
        Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        return resolvedRequest(resident, CARE, "xinbei", "elderly_care", morning, morning.plus(Duration.ofHours(3)));
    }

    /** A day no record of this world has used yet, going back from 28 November: its daily limit is untouched. */
    public LocalDate freshDay() {
        return LocalDate.parse("2026-11-28").minusDays(days.getAndIncrement());
    }

    /**
     * A pending record of {@code hours} for the volunteer, each on a day of its own (going back from 28
     * November), so that tests can make many without meeting the daily limit.
     */
    String pendingRecord(String volunteerId, double hours) {
        return pendingRecord(someResident(), volunteerId, hours);
    }

    /** The same, for a request {@code resident} submitted. */
    public String pendingRecord(String resident, String volunteerId, double hours) {
        LocalDate day = freshDay();
        return recorded(resolvedRequest(resident, day), volunteerId, hours, day);
    }

    /** A request of {@code resident} in xinbei the care team has: dispatched to it, not accepted yet. */
    public String dispatchedRequest(String resident) {
        return servedBy(resident, CARE, "xinbei", "elderly_care");
    }

    /** A request still being served: accepted, not resolved. */
    String acceptedRequest() {
        return acceptedRequest(someResident());
    }

    /** The same, submitted by {@code resident}. */
    public String acceptedRequest(String resident) {
        String id = dispatchedRequest(resident);
        wiring.base.dispatch.accept(leaderOf(CARE), id, null);
        return id;
    }

    /** The same, then put on hold by the care team while it waits on the resident. */
    public String heldRequest(String resident) {
        String id = acceptedRequest(resident);
        wiring.base.holds.hold(leaderOf(CARE), id, null, "awaiting_information");
        return id;
    }

    /** An activity of the care team in xinbei on 2026-11-21 (Beijing time), created through the route. */
    public String activity() {
        JsonNode created = ok(201, call(ApiEvents.withHeader(ApiEvents.load("create-activity.json"), "Idempotency-Key",
                UUID.randomUUID().toString()), LEADER));
        return created.get("id").asText();
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        return handler.handle(as(event, claims));
    }

    APIGatewayV2HTTPResponse record(Map<String, String> claims, SourceType type, String sourceId, String entries) {
        return call(withBody(ApiEvents.withHeader(ApiEvents.load("record-hours.json"), "Idempotency-Key",
                UUID.randomUUID().toString()), "{\"source\":{\"type\":\"" + type.code() + "\",\"id\":\"" + sourceId
                + "\"},\"entries\":" + entries + "}"), claims);
    }

    /** Records {@code hours} for one volunteer on a request served on 28 November; returns the pending record's id. */
    String recorded(String requestId, String volunteerId, double hours) {
        return recorded(requestId, volunteerId, hours, LocalDate.parse("2026-11-28"));
    }

    String recorded(String requestId, String volunteerId, double hours, LocalDate date) {
        JsonNode body = ok(201, record(LEADER, SourceType.REQUEST, requestId,
                "[{\"volunteerId\":\"" + volunteerId + "\",\"hours\":" + hours + ",\"date\":\"" + date + "\"}]"));
        return body.at("/items/0/id").asText();
    }

    APIGatewayV2HTTPResponse certify(String recordId, Map<String, String> claims) {
        return call(withPath(ApiEvents.load("certify-hours.json"), "id", recordId), claims);
    }

    APIGatewayV2HTTPResponse correct(String recordId, double hours, Map<String, String> claims) {
        return call(withBody(withPath(ApiEvents.load("correct-hours.json"), "id", recordId),
                "{\"hours\":" + hours + ",\"reason\":\"recount\"}"), claims);
    }

    APIGatewayV2HTTPResponse dispute(String recordId, Map<String, String> claims) {
        return call(withPath(ApiEvents.load("dispute-hours.json"), "id", recordId), claims);
    }

    APIGatewayV2HTTPResponse tally(String scope, String id, String period) {
        return call(ApiEvents.withQuery(ApiEvents.load("get-tally.json"), Map.of("scope", scope, "id", id,
                "period", period)), VOLUNTEER_LI);
    }

    JsonNode tallyOf(String scope, String id, String period) {
        return ok(200, tally(scope, id, period));
    }

    HoursRollup.Report rollup() {
        return handler.onSchedule(ApiEvents.schedule("hours-rollup-tick.json").getId());
    }

    static String originalId(String volunteerId, String requestId) {
        return HoursRecord.originalId(volunteerId, new Source(SourceType.REQUEST, requestId));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.read(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }

    static JsonNode ok(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return json(response);
    }
}
