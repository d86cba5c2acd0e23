package diandan.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.LocalTable;
import diandan.devkit.PrivateDataAudit;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every HTTP route of template.yaml (read from it, so a new route is covered without a change here), sent
 * requests a hostile or broken client sends: malformed and random JSON, wrong types, deep nesting, huge strings
 * and arrays, numbers such as 1e400 and -0, emoji, right-to-left marks, NUL and lone surrogates, bad ids and path
 * fragments, odd and duplicated headers, wrong content types, base64 bodies, random query strings and cursors,
 * random claims. Each answer is a 4xx problem+json or a success, never a 5xx; a refused request changes no item
 * of the table (a Scan before and after; a try that sent the engine no write left the table as it was, so the
 * Scan before it stands for after it); the teams' loads still count exactly their open requests; every log line
 * carries the request id and no personal data.
 *
 * <p>The table holds the demo district and real requests, teams, records and an alert, so that ids exist.
 */
class HostileInputPropertiesTest {
    /** About 40 a route for the template's 87 routes: the route of each try is drawn at random. */
    static final int TRIES = 3_500;
    /**
     * Each route must have been tried at least this often. The bound is far below the mean, because every route
     * is a chance to fall short: with 87 routes and 3,500 tries, that some route is tried fewer than 10 times has a
     * chance of about 2 in 10 million (binomial), 2 in 100,000 at 100 routes and 1 in 700 at 120, where the tries
     * must grow; a bound of 20 at 3,000 tries already failed one run in 5 at 87 routes.
     */
    static final int MIN_TRIES_PER_ROUTE = 10;

    static Dynalite engine;
    static LocalTable table;
    /** Sees every call the deployment and the world make: whether a try sent the engine a write at all. */
    static StoreProbe calls;
    static World world;
    static List<String> realIds;
    static List<String> realCursors;
    static Map<String, List<String>> eventFiles;
    static TableSnapshot stored;
    static final List<String> logLines = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> triedRoutes = new ConcurrentHashMap<>();
    static final AtomicInteger tries = new AtomicInteger();
    static volatile boolean failed;
    static final AtomicInteger statuses4xx = new AtomicInteger();
    static final AtomicInteger statuses2xx = new AtomicInteger();

    @BeforeContainer
    static void deploy() {
        engine = Dynalite.start(null);
        String name = "hostile" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), name);
        calls = StoreProbe.on(engine, engine.client()).build();
        table = new LocalTable(engine, calls.client(), name);
        world = new World(table);
        String owner = "resident-hostile";
        realIds = new ArrayList<>(List.of(World.SERVING_TEAM, "team-legal", "xinbei-juandilv", World.VOLUNTEER, "v0104",
                "elderly_care", "legal", "xinbei", "weiyang", "weicheng", "walk_in", "app", "wish_wall"));
        realIds.add(world.dispatchedRequest(owner));
        realIds.add(world.acceptedRequest(owner));
        realIds.add(world.resolvedRequest(owner).requestId());
        realIds.add(world.openWish(owner));
        realIds.add(world.pendingRecord(owner));
        realIds.add(world.alert(owner));
        realIds.add(world.hours.activity());
        eventFiles = ApiEvents.filesByRoute();
        Set<String> withoutEvent = new TreeSet<>();
        world.deployment.routes().forEach(route -> {
            if (!eventFiles.containsKey(route.routeKey())) {
                withoutEvent.add(route.routeKey());
            }
        });
        if (!withoutEvent.isEmpty()) {
            throw new IllegalStateException("routes without an event file in events/ (add one: it is the route's "
                    + "well-formed request, varied here): " + withoutEvent);
        }
        realCursors = cursorsOfEveryList();
        stored = TableSnapshot.of(table);
        Log.sink(logLines::add);
    }

    /** The first page's cursor of every list, as every caller gets it: what a client may replay elsewhere. */
    static List<String> cursorsOfEveryList() {
        List<String> cursors = new ArrayList<>();
        for (Template.Route route : world.deployment.routes()) {
            if (!route.method().equals("GET")) {
                continue;
            }
            for (String file : eventFiles.get(route.routeKey())) {
                for (Who who : Who.values()) {
                    APIGatewayV2HTTPEvent event = ApiEvents.as(ApiEvents.load(file), who.claims("resident-hostile"));
                    Map<String, String> query = event.getQueryStringParameters() == null ? new HashMap<>()
                            : new HashMap<>(event.getQueryStringParameters());
                    query.put("limit", "1");
                    event.setQueryStringParameters(query);
                    APIGatewayV2HTTPResponse page = world.deployment.call(event);
                    try {
                        JsonNode next = Json.read(page.getBody()).path("nextCursor");
                        if (next.isTextual()) {
                            cursors.add(next.asText());
                        }
                    } catch (Exception notJson) {
                        // a CSV export or a certificate page: no cursor
                    }
                }
            }
        }
        if (cursors.size() < 5) {
            throw new IllegalStateException("too few lists with a second page to take cursors from: " + cursors);
        }
        return cursors;
    }

    @AfterContainer
    static void stop() {
        Log.sink(System.out::println);
        System.out.println("hostile input: " + statuses2xx + " successes, " + statuses4xx + " refusals, tries by route "
                + new TreeMap<>(triedRoutes));
        engine.client().close();
        engine.close();
    }

    @Provide
    Arbitrary<Hostile> hostileRequests() {
        Map<String, String> owner = ApiEvents.resident("resident-hostile");
        // no edge cases for the route: they would send a third of the tries to the first and last route
        return Arbitraries.of(world.deployment.routes()).withoutEdgeCases()
                .flatMap(route -> Hostile.to(route, eventFiles.get(route.routeKey()), owner, realIds, realCursors));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyAnswerIsAProblemOrASuccessAndARefusalChangesNothing(@ForAll("hostileRequests") Hostile request) {
        triedRoutes.computeIfAbsent(request.route(), k -> new AtomicInteger()).incrementAndGet();
        String requestId = "hostile-try-" + tries.incrementAndGet();
        logLines.clear();
        int writesBefore = calls.reading().writeCalls();
        APIGatewayV2HTTPResponse response = world.deployment.call(request.event(requestId));
        String problem = Optional.ofNullable(problemIn(response)).orElseGet(() -> problemInLog(requestId));
        if (problem != null) {
            failed = true;
            // the request and what it logged (a bug's stack trace among it), so that a rare draw is mended from the report
            throw new AssertionError(problem + "; the request: " + request + "; its log: " + logLines);
        }
        if (calls.reading().writeCalls() == writesBefore) {
            countAnswer(response);
            return; // nothing written: the table is the one last scanned, its loads already found right
        }
        TableSnapshot now = TableSnapshot.of(table);
        List<String> changes = now.changesSince(stored);
        stored = now;
        List<String> loads = now.loadMismatches();
        if (!loads.isEmpty()) {
            failed = true;
            throw new AssertionError("a " + response.getStatusCode() + " left the teams' loads wrong: " + loads);
        }
        if (response.getStatusCode() >= 400 && !changes.isEmpty()) {
            failed = true;
            throw new AssertionError("a " + response.getStatusCode() + " changed the table: " + changes + "; "
                    + response.getBody());
        }
        countAnswer(response);
    }

    private static void countAnswer(APIGatewayV2HTTPResponse response) {
        (response.getStatusCode() >= 400 ? statuses4xx : statuses2xx).incrementAndGet();
    }

    /** Unless a try failed (then its report is what matters): every route was tried often enough. */
    @AfterProperty
    void everyRouteWasTried() {
        if (failed) {
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        world.deployment.routes().forEach(r -> counts.put(r.routeKey(),
                triedRoutes.getOrDefault(r.routeKey(), new AtomicInteger()).get()));
        counts.forEach((route, count) -> {
            if (count < MIN_TRIES_PER_ROUTE) {
                throw new AssertionError(route + " was tried " + count + " times, fewer than " + MIN_TRIES_PER_ROUTE
                        + ": " + counts);
            }
        });
    }

    /** What is wrong with an answer to hostile input: a 5xx, a redirect, a 4xx that is not a whole problem+json. */
    static String problemIn(APIGatewayV2HTTPResponse response) {
        int status = response.getStatusCode();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return "answered " + status + ": " + response.getBody();
        }
        if (status >= 400) {
            String type = response.getHeaders() == null ? null : response.getHeaders().get("Content-Type");
            if (!"application/problem+json".equals(type)) {
                return "a " + status + " as " + type + ", not application/problem+json";
            }
            JsonNode problem;
            try {
                problem = Json.read(response.getBody());
            } catch (Exception e) {
                return "a " + status + " whose body is not JSON: " + response.getBody();
            }
            for (String field : List.of("type", "title", "detail")) {
                if (!problem.path(field).isTextual()) {
                    return "a problem without " + field + ": " + response.getBody();
                }
            }
            if (problem.path("status").asInt() != status) {
                return "a problem whose status is not " + status + ": " + response.getBody();
            }
        }
        return null;
    }

    /** What is wrong with this test's captured log of one try: a line without its request id, or personal data. */
    private static String problemInLog(String requestId) {
        for (String line : logLines) {
            if (!line.contains("\"requestId\":\"" + requestId + "\"")) {
                return "a log line without the request id " + requestId + ": " + line;
            }
            String leak = PrivateDataAudit.leakIn(line);
            if (leak != null) {
                return "personal data in the log: " + leak;
            }
        }
        return null;
    }
}
