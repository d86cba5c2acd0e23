package diandan.local;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.crac.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.Keys;
import diandan.adapter.http.LambdaEvents;
import diandan.adapter.http.Priming;
import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.adapter.priming.PrimingHttpClient;
import diandan.adapter.priming.PrimingItems;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every function of the template primes for SnapStart as its snapshot would be taken on a live table (the demo
 * district, where the files of {@code events/} name existing requests, hours and alerts): its CRaC
 * {@code beforeCheckpoint} walks every route with those files, the write paths through the SDK to a canned answer,
 * and leaves the table exactly as it was; once priming is over, a write reaches the table again, and the first
 * event of each route loads few classes.
 */
@ExtendWith(DynaliteExtension.class)
class PrimingTest {
    /** The most classes the first event of a route may load once its function is primed. */
    static final int CLASSES_AFTER_PRIMING = 50;

    static final List<String> errors = new CopyOnWriteArrayList<>();
    /** The answers of the HTTP routes, as their log lines say them. */
    static final List<String> answers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void loadTheDemoAndCatchErrors(LocalTable table) {
        DemoData.loadOnce(table.client(), table.name(), List.of(Keys.PK, Keys.SK), RepoRoot.find());
        Log.sink(line -> {
            if (line.contains("\"level\":\"ERROR\"")) {
                errors.add(line);
            } else if (line.contains("\"message\":\"handled\"")) {
                answers.add(line);
            }
        });
    }

    @AfterAll
    static void restoreTheLog() {
        Log.sink(System.out::println);
    }

    /**
     * Each function in turn: priming walks a write path of every route and leaves the table as it was; then the
     * first event of each route (its file of {@code events/}, written for real now) loads few classes.
     */
    @Test
    void everyFunctionPrimesEveryRouteWithoutWritingSoThatItsFirstEventsLoadFewClasses(LocalTable table)
            throws Exception {
        List<Executable> firstEvents = new ArrayList<>();
        for (Template.Function function : Template.load().functions()) {
            Set<String> routes = routesOf(function);
            StoreProbe probe = StoreProbe.on(table).build();
            Resource handler = handler(function, clientSeenBy(table, probe), table);
            List<Map<String, AttributeValue>> before = everything(table);
            int canned = PrimingHttpClient.cannedAnswers();
            errors.clear();
            handler.beforeCheckpoint(null);
            StoreProbe.Reading primed = probe.reading();
            assertEquals(List.of(), errors, function.logicalId() + " failed while priming");
            assertTrue(primed.calls("GetItem") + primed.calls("Query") + primed.calls("BatchGetItem") > 0,
                    function.logicalId() + " did not read the table: " + primed.calls());
            if (!routes.isEmpty()) {
                assertTrue(primed.itemWrites() > 0 && PrimingHttpClient.cannedAnswers() > canned,
                        function.logicalId() + " walked no write path: " + primed.calls());
            }
            assertFalse(PrimingHttpClient.priming(), function.logicalId() + " left priming on");
            assertEquals(before, everything(table), function.logicalId() + " wrote while priming");

            Set<String> seen = new HashSet<>();
            for (JsonNode event : Priming.packagedEvents()) {
                String route = event.path("routeKey").asText();
                if (routes.contains(route) && seen.add(route)) {
                    int loaded = loadedClasses();
                    JsonNode answer = answer(handler, event);
                    int classes = loadedClasses() - loaded;
                    firstEvents.add(() -> assertTrue(classes <= CLASSES_AFTER_PRIMING, function.logicalId() + " `"
                            + route + "` loaded " + classes + " classes after priming (answer "
                            + answer.path("statusCode") + ")"));
                }
            }
            firstEvents.add(() -> assertEquals(routes, seen, function.logicalId() + ": routes without a file in events/"));
        }
        assertAll(firstEvents);
    }

    /**
     * On a table that holds the district (registry, calendars, projects, merchants) and none of the items the files
     * of {@code events/} name, as a live table, priming starts from the packaged copies of those items: every file is
     * answered 2xx, a state change walking its write rather than stopping at a 404; walked again until a conditional
     * write loses a race, none answers a 5xx; and the table is left as it was.
     */
    @Test
    void onATableWithoutTheFilesItemsEveryRouteOfEveryFunctionIsPrimedToASuccess(LocalTable demo) throws Exception {
        LocalTable live = new LocalTable(demo.engine(), demo.client(), "live" + System.nanoTime());
        TableDefinition.fromTemplate(Template.load()).ensureCreated(live.client(), live.name());
        DemoData.loadOnce(live.client(), live.name(), List.of(Keys.PK, Keys.SK), RepoRoot.find());
        JsonNode packaged;
        try (var in = PrimingItems.class.getClassLoader().getResourceAsStream(PrimingItems.RESOURCE)) {
            packaged = Json.read(in);
        }
        // the files' times are those of the stack the items were made on: primed then, each answers as on that stack
        Clock made = Clock.fixed(Instant.parse(packaged.path("madeAt").asText()), ZoneOffset.UTC);
        Set<String> held = new HashSet<>();
        for (JsonNode item : packaged.path("items")) {
            String pk = item.path(Keys.PK).path("S").asText();
            held.add(pk.substring(pk.lastIndexOf('#') + 1));
            live.client().deleteItem(b -> b.tableName(live.name()).key(Map.of(
                    Keys.PK, AttributeValue.fromS(item.path(Keys.PK).path("S").asText()),
                    Keys.SK, AttributeValue.fromS(item.path(Keys.SK).path("S").asText()))));
        }
        List<Executable> primed = new ArrayList<>();
        for (Template.Function function : Template.load().functions()) {
            Resource handler = handler(function, clientSeenBy(live, StoreProbe.on(live).build()), live, made);
            List<Map<String, AttributeValue>> before = everything(live);
            answers.clear();
            int lost = PrimingHttpClient.racesLost();
            handler.beforeCheckpoint(null);
            int racesLost = PrimingHttpClient.racesLost() - lost;
            // one race is lost by a function whose files act on an item priming holds; at most one by any other
            Set<String> routes = routesOf(function);
            boolean actsOnHeld = Priming.packagedEvents().stream()
                    .filter(e -> routes.contains(e.path("routeKey").asText()))
                    .anyMatch(e -> held.contains(e.path("pathParameters").path("id").asText()));
            primed.add(() -> assertTrue(actsOnHeld ? racesLost == 1 : racesLost <= 1,
                    function.logicalId() + ": " + racesLost + " races lost while priming"));
            // the files once with every write a success, then again until one race is lost
            long files = Priming.packagedEvents().stream().filter(e -> routes.contains(e.path("routeKey").asText())).count();
            List<String> failed = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                JsonNode answer = Json.read(answers.get(i));
                int status = answer.path("status").asInt();
                if (i < files ? status / 100 != 2 : status >= 500) {
                    (i < files ? failed : broken).add(answer.path("route").asText() + " " + status);
                }
            }
            primed.add(() -> assertEquals(List.of(), broken, function.logicalId() + ": 5xx when a race is lost"));
            boolean unchanged = before.equals(everything(live));
            primed.add(() -> assertEquals(List.of(), failed, function.logicalId() + ": priming answers not 2xx"));
            primed.add(() -> assertTrue(unchanged, function.logicalId() + " wrote while priming"));
            if (function.logicalId().equals("IntakeFunction")) {
                // primed from its copy, the file's request is not in the table: once priming is over, reads go there
                int status = answer(handler, event("get-request.json")).path("statusCode").asInt();
                primed.add(() -> assertEquals(404, status, "a read after priming answered from the priming copy"));
            }
        }
        assertAll(primed);
    }

    @Test
    void aWriteAfterPrimingReachesTheTable(LocalTable table) throws Exception {
        Template.Function intake = Template.load().functions().stream()
                .filter(f -> f.logicalId().equals("IntakeFunction")).findFirst().orElseThrow();
        StoreProbe probe = StoreProbe.on(table).build();
        Resource handler = handler(intake, clientSeenBy(table, probe), table);
        handler.beforeCheckpoint(null);
        int canned = PrimingHttpClient.cannedAnswers();
        int rows = everything(table).size();

        JsonNode answer = answer(handler, event("submit-request.json"));

        assertEquals(201, answer.path("statusCode").asInt(), answer.toString());
        assertEquals(canned, PrimingHttpClient.cannedAnswers());
        assertTrue(everything(table).size() > rows, "the submission reached no table");
    }

    private static Resource handler(Template.Function function, DynamoDbClient client, LocalTable table) throws Exception {
        return handler(function, client, table, Clock.systemUTC());
    }

    private static Resource handler(Template.Function function, DynamoDbClient client, LocalTable table, Clock clock)
            throws Exception {
        return (Resource) Class.forName(function.handlerClass())
                .getConstructor(DynamoDbClient.class, String.class, Clock.class)
                .newInstance(client, table.name(), clock);
    }

    /** A client as the functions build theirs (canned answers while priming), seen by the probe. */
    private static DynamoDbClient clientSeenBy(LocalTable table, StoreProbe probe) {
        return DynamoDbClient.builder().endpointOverride(table.engine().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(PrimingHttpClient.around(UrlConnectionHttpClient.create()))
                .overrideConfiguration(o -> o.addExecutionInterceptor(probe)).build();
    }

    private static Set<String> routesOf(Template.Function function) throws Exception {
        Set<String> routes = new HashSet<>();
        Template.load().routes().stream().filter(r -> r.functionId().equals(function.logicalId()))
                .map(Template.Route::routeKey).forEach(routes::add);
        return routes;
    }

    /** The answer of a handler to an HTTP event, as Lambda's runtime would call it. */
    private static JsonNode answer(Resource handler, JsonNode event) throws Exception {
        if (handler instanceof com.amazonaws.services.lambda.runtime.RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(Json.bytes(event)), out, null);
            return Json.read(out.toByteArray());
        }
        @SuppressWarnings("unchecked")
        var http = (com.amazonaws.services.lambda.runtime.RequestHandler<
                com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent,
                com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse>) handler;
        return LambdaEvents.response(http.handleRequest(LambdaEvents.http(event), null));
    }

    private static JsonNode event(String file) throws Exception {
        return Json.read(java.nio.file.Files.readAllBytes(RepoRoot.find().resolve("events").resolve(file)));
    }

    private static List<Map<String, AttributeValue>> everything(LocalTable table) {
        Function<Map<String, AttributeValue>, String> key = item -> item.get(Keys.PK).s() + "\u0000" + item.get(Keys.SK).s();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().forEach(items::add);
        items.sort(java.util.Comparator.comparing(key));
        return items;
    }

    private static int loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }
}
