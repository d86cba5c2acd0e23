package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.Template;

/**
 * Every query parameter of every route of template.yaml, sent the values a careless or hostile client sends:
 * reversed and empty ranges, ranges longer than a route allows, malformed dates and times, years 0 and 99999, a
 * limit out of range, cursor garbage, unknown enum values, repeated parameters (API Gateway joins them with
 * commas), empty values, non-ASCII look-alikes and control characters. A route that reads the parameter refuses
 * each with a 4xx problem naming the field; every route answers every case without a 5xx. Each request is made
 * by a caller the route otherwise answers 2xx (from the authorization matrix), on top of the route's own
 * well-formed query, so that the refusal is for the value alone.
 */
@ExtendWith(DynaliteExtension.class)
class HostileQueryTest {
    enum Kind { INSTANT, DATE, LIMIT, CURSOR, ID, REQUEST_STATUS, RECORD_STATUS, LEVEL, BOOLEAN, GROUP_BY, SCOPE,
        PERIOD, MINUTES }

    /** What each route reads from its query (the handlers' request.query calls); routes not here read none. */
    static final Map<String, Map<String, Kind>> READS = Map.ofEntries(
            Map.entry("GET /requests", reads("status", Kind.REQUEST_STATUS, "communityId", Kind.ID, "category", Kind.ID,
                    "teamId", Kind.ID, "areaId", Kind.ID, "from", Kind.INSTANT, "to", Kind.INSTANT, "limit", Kind.LIMIT,
                    "cursor", Kind.CURSOR)),
            Map.entry("GET /wishes", reads("limit", Kind.LIMIT, "cursor", Kind.CURSOR)),
            Map.entry("GET /teams", reads("limit", Kind.LIMIT, "cursor", Kind.CURSOR)),
            Map.entry("GET /teams/{id}/requests", reads("status", Kind.REQUEST_STATUS, "limit", Kind.LIMIT,
                    "cursor", Kind.CURSOR)),
            Map.entry("GET /alerts", reads("level", Kind.LEVEL, "areaId", Kind.ID, "acknowledged", Kind.BOOLEAN,
                    "limit", Kind.LIMIT, "cursor", Kind.CURSOR)),
            Map.entry("GET /deadlines", reads("within", Kind.MINUTES, "areaId", Kind.ID)),
            Map.entry("GET /reports/sla", reads("from", Kind.INSTANT, "to", Kind.INSTANT, "groupBy", Kind.GROUP_BY,
                    "areaId", Kind.ID)),
            Map.entry("GET /activities", reads("teamId", Kind.ID, "communityId", Kind.ID, "areaId", Kind.ID,
                    "from", Kind.INSTANT, "to", Kind.INSTANT, "limit", Kind.LIMIT, "cursor", Kind.CURSOR)),
            Map.entry("GET /hours", reads("teamId", Kind.ID, "areaId", Kind.ID, "status", Kind.RECORD_STATUS,
                    "disputed", Kind.BOOLEAN, "from", Kind.DATE, "to", Kind.DATE, "limit", Kind.LIMIT,
                    "cursor", Kind.CURSOR)),
            Map.entry("GET /volunteers/{id}/hours", reads("limit", Kind.LIMIT, "cursor", Kind.CURSOR)),
            Map.entry("GET /merchants", reads("limit", Kind.LIMIT, "cursor", Kind.CURSOR)),
            Map.entry("GET /tallies", reads("scope", Kind.SCOPE, "id", Kind.ID, "period", Kind.PERIOD)),
            Map.entry("GET /leaderboard", reads("scope", Kind.SCOPE, "period", Kind.PERIOD, "areaId", Kind.ID,
                    "limit", Kind.LIMIT)),
            Map.entry("GET /exports/hours.csv", reads("from", Kind.DATE, "to", Kind.DATE, "areaId", Kind.ID)));

    /** Values no route may take for a parameter of this kind, besides the ones every kind refuses. */
    static final Map<Kind, List<String>> REFUSED = Map.ofEntries(
            Map.entry(Kind.INSTANT, List.of("2026-13-45T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01",
                    "2026-12-01T00:00:00", "99999-01-01T00:00:00Z", "+99999-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                    "-0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "1764547200", "now",
                    "２０２６-12-01T00:00:00Z", "2026-12-01T00:00:00Z,2026-12-02T00:00:00Z")),
            Map.entry(Kind.DATE, List.of("2026-13-01", "2026-02-30", "99999-01-01", "+99999-01-01", "0000-01-01",
                    "1999-12-31", "2100-01-01", "20261201", "2026-12-01T00:00:00Z", "today", "２０２６-12-01",
                    "2026-12-01,2026-12-02")),
            Map.entry(Kind.LIMIT, List.of("0", "-1", "101", "1e2", "1.5", "99999999999", "2147483648", "abc", "0x10",
                    "１０", "10,20", "NaN")),
            Map.entry(Kind.CURSOR, List.of("!!!", "a,b", "x".repeat(5000), "====", "界",
                    "eyJwayI6IlJFUSN4In0")),
            Map.entry(Kind.ID, List.of("a,b", "界", "x".repeat(65), "xinbei\u0000", "ｘｉｎｂｅｉ")),
            Map.entry(Kind.REQUEST_STATUS, List.of("nope", "UNROUTED", "ｕｎｒｏｕｔｅｄ", "unrouted,dispatched")),
            Map.entry(Kind.RECORD_STATUS, List.of("nope", "PENDING", "pending,certified", "ｐｅｎｄｉｎｇ")),
            Map.entry(Kind.LEVEL, List.of("4", "-1", "1.0", "one", "１", "1,2")),
            Map.entry(Kind.BOOLEAN, List.of("yes", "TRUE", "1", "ｔｒｕｅ", "true,false")),
            Map.entry(Kind.GROUP_BY, List.of("nope", "TEAM", "team,street", "ｔｅａｍ")),
            Map.entry(Kind.SCOPE, List.of("nope", "VOLUNTEER", "volunteer,team", "ｖｏｌｕｎｔｅｅｒ")),
            Map.entry(Kind.PERIOD, List.of("99999", "0", "0000", "2026-13", "2026-00", "ALL", "2026-1", "２０２６",
                    "2026,2027")),
            Map.entry(Kind.MINUTES, List.of("0", "-1", "241", "1e2", "1.5", "99999999999", "2147483648", "abc", "0x10",
                    "１０", "10,20", "NaN", "+10")));
    /** A parameter of each kind, to send its values to every route. */
    static final Map<Kind, String> NAMED = Map.ofEntries(Map.entry(Kind.INSTANT, "from"), Map.entry(Kind.DATE, "to"),
            Map.entry(Kind.LIMIT, "limit"), Map.entry(Kind.CURSOR, "cursor"), Map.entry(Kind.ID, "areaId"),
            Map.entry(Kind.REQUEST_STATUS, "status"), Map.entry(Kind.RECORD_STATUS, "status"),
            Map.entry(Kind.LEVEL, "level"), Map.entry(Kind.BOOLEAN, "disputed"), Map.entry(Kind.GROUP_BY, "groupBy"),
            Map.entry(Kind.SCOPE, "scope"), Map.entry(Kind.PERIOD, "period"), Map.entry(Kind.MINUTES, "within"));
    /** Values every kind refuses: a parameter given empty, blank, or with a control character. */
    static final List<String> REFUSED_FOR_EVERY_KIND = List.of("", " ", "\u0000", "\t", "a\nb");

    /** Ranges no route may take: reversed ones, ones too long for the route, empty half-open ones. */
    static final Map<String, List<Map<String, String>>> REFUSED_RANGES = Map.of(
            "GET /requests", List.of(range("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z"),
                    range("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
                    range("2099-12-31T00:00:00Z", "2000-01-01T00:00:00Z")),
            "GET /activities", List.of(range("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z"),
                    range("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
                    range("2099-12-31T00:00:00Z", "2000-01-01T00:00:00Z")),
            "GET /reports/sla", List.of(range("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z"),
                    range("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
                    range("2000-01-01T00:00:00Z", "2099-12-31T00:00:00Z")),
            "GET /hours", List.of(range("2026-12-02", "2026-11-01"), range("2099-12-31", "2000-01-01")),
            "GET /exports/hours.csv", List.of(range("2026-12-02", "2026-11-01"), range("2000-01-01", "2099-12-31")));
    /** Ranges taken where they are refused nowhere else: far apart, one instant or one day. */
    static final List<Map<String, String>> ODD_RANGES = List.of(range("2000-01-01T00:00:00Z", "2099-12-31T23:59:59Z"),
            range("2000-01-01", "2099-12-31"), range("2026-12-01", "2026-12-01"),
            range("2026-12-01T00:00:00Z", "2026-12-01T00:00:00.001Z"));

    record Target(String route, String file, APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        APIGatewayV2HTTPEvent with(Map<String, String> query) {
            APIGatewayV2HTTPEvent copy = ApiEvents.as(ApiEvents.load(file), claims);
            copy.setPathParameters(event.getPathParameters());
            copy.setBody(event.getBody());
            Map<String, String> merged = event.getQueryStringParameters() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(event.getQueryStringParameters());
            merged.putAll(query);
            copy.setQueryStringParameters(merged);
            return copy;
        }
    }

    static World world;
    static List<Target> targets;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new World(table);
        targets = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (AuthorizationMatrixTest.Row row : AuthorizationMatrixTest.matrix()) {
            if (!seen.add(row.route())) {
                continue;
            }
            Who who = row.expected().entrySet().stream().filter(e -> e.getValue() / 100 == 2).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new IllegalStateException(row.route() + ": nobody may call it"));
            String owner = world.newResident();
            APIGatewayV2HTTPEvent event = row.subject().prepare(world, owner, ApiEvents.load(row.event()));
            targets.add(new Target(row.route(), row.event(), event, who.claims(owner)));
        }
    }

    @Test
    void theTableNamesRoutesOfTheTemplateAndEveryRouteHasACaller() {
        Set<String> routes = Template.load().routes().stream().map(Template.Route::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(routes.containsAll(READS.keySet()), "routes the template no longer has: " + READS.keySet());
        assertEquals(routes, targets.stream().map(Target::route).collect(Collectors.toCollection(TreeSet::new)),
                "every route has a caller in the authorization matrix");
    }

    @TestFactory
    Stream<DynamicTest> aHostileValueOfAParameterARouteReadsIsA4xxNamingIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Target target : targets) {
            Map<String, Kind> reads = READS.getOrDefault(target.route(), Map.of());
            reads.forEach((name, kind) -> Stream.concat(REFUSED_FOR_EVERY_KIND.stream(), REFUSED.get(kind).stream())
                    .forEach(value -> tests.add(DynamicTest.dynamicTest(target.route() + " " + name + "="
                            + Hostile.shown(value), () -> refused(target, Map.of(name, value), name)))));
            for (Map<String, String> range : REFUSED_RANGES.getOrDefault(target.route(), List.of())) {
                tests.add(DynamicTest.dynamicTest(target.route() + " " + range, () -> refused(target, range, "to")));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEveryCaseWithoutA5xx() {
        List<Map<String, String>> cases = new ArrayList<>();
        REFUSED.forEach((kind, values) -> Stream.concat(REFUSED_FOR_EVERY_KIND.stream(), values.stream())
                .forEach(value -> cases.add(Map.of(NAMED.get(kind), value))));
        REFUSED_RANGES.values().forEach(cases::addAll);
        cases.addAll(ODD_RANGES);
        return targets.stream().map(target -> DynamicTest.dynamicTest(target.route() + ": " + cases.size()
                + " queries", () -> {
            List<String> faults = new ArrayList<>();
            for (Map<String, String> query : cases) {
                APIGatewayV2HTTPResponse response = world.deployment.call(target.with(query));
                String problem = HostileInputPropertiesTest.problemIn(response);
                if (problem != null && response.getStatusCode() >= 400) {
                    faults.add(shown(query) + ": " + problem);
                } else if (response.getStatusCode() >= 500) {
                    faults.add(shown(query) + ": " + response.getStatusCode());
                }
            }
            if (!faults.isEmpty()) {
                fail(faults.size() + " of " + cases.size() + " queries:\n" + String.join("\n", faults));
            }
        }));
    }

    private static void refused(Target target, Map<String, String> query, String field) {
        APIGatewayV2HTTPResponse response = world.deployment.call(target.with(query));
        int status = response.getStatusCode();
        assertTrue(status >= 400 && status < 500, shown(query) + " answered " + status + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"), response.getBody());
        JsonNode problem;
        try {
            problem = Json.read(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertTrue(fields.contains(field) || (field.equals("to") && fields.contains("from")),
                shown(query) + ": the problem names " + fields + ", not " + field + ": " + response.getBody());
    }

    private static Map<String, Kind> reads(Object... pairs) {
        Map<String, Kind> reads = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            reads.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return reads;
    }

    private static Map<String, String> range(String from, String to) {
        Map<String, String> range = new HashMap<>();
        range.put("from", from);
        range.put("to", to);
        return range;
    }

    private static String shown(Map<String, String> query) {
        return query.entrySet().stream().map(e -> e.getKey() + "=" + Hostile.shown(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
