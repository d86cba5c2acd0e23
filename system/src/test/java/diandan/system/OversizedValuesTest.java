package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.devkit.Template;

/**
 * Values longer than DynamoDB's keys, everywhere a client puts one, on every route: the search the random
 * {@link HostileInputPropertiesTest} makes only now and then, made exhaustive. For every row of the authorization
 * matrix (every route of template.yaml) and every other event file of a route, each caller that gets past the
 * route's access check (its cell is neither 401, 403 nor 404; and the file's own claims) sends the route's
 * well-formed request with each path parameter and each query parameter the route reads replaced in turn; the
 * first of them also each header that matters and each string of the JSON body (nested ones and arrays' elements
 * too), which every caller's request reads alike. Each text is replaced by a value of 1,100 bytes and one of 2,100
 * bytes (its own text repeated: a sort key holds at most 1,024 bytes, a partition key 2,048) and by 4-byte
 * characters (emoji) just past 1,024 bytes in as few characters as possible, so that a rule counting characters
 * lets them through; each number of the body by huge and negative values. Every answer is a success or a 4xx
 * problem+json, never a 5xx: a value the store cannot hold is refused at the field's own rule, before it reaches
 * the store. A refusal changed nothing (see {@link #tryEveryPart}).
 */
@ExtendWith(DynaliteExtension.class)
class OversizedValuesTest {
    /** Bytes past a sort key's limit (1,024), and past a partition key's (2,048). */
    static final List<Integer> BYTES = List.of(1_100, 2_100);
    /** 4-byte characters just past a sort key's limit (257 x 4 > 1,024): under most limits counted in characters. */
    static final List<Integer> WIDE_CHARACTERS = List.of(257);
    static final List<String> HUGE_NUMBERS = List.of("-1", "-9223372036854775809", "9223372036854775808", "1e300");
    /** The headers some route reads, with a usual value. */
    static final Map<String, String> HEADERS = Map.of("idempotency-key", "k1", "if-match", "\"1\"",
            "accept", "application/json");
    private static final Pattern PATH_NAME = Pattern.compile("\\{([^}]+)}");

    static World world;
    static LocalTable table;
    static StoreProbe calls;
    static int sent;
    static long started;

    /** A route's request from one caller, made anew on a fresh subject whenever a success changed its subject. */
    record Caller(String route, String file, Subject subject, Who who, Map<String, String> fileClaims) {
        Sendable prepare() {
            String owner = world.newResident();
            APIGatewayV2HTTPEvent event = subject.prepare(world, owner, ApiEvents.load(file));
            return new Sendable(this, event.getPathParameters(), event.getQueryStringParameters(), event.getHeaders(),
                    event.getBody(), who == null ? fileClaims : who.claims(owner));
        }

        @Override
        public String toString() {
            return route + " (" + file + ") by " + (who == null ? "the file's claims" : who.column);
        }
    }

    /**
     * The parts of one prepared request; {@link #event} makes a new event of them, so that a change is not kept,
     * with a new Idempotency-Key where the request has one: each try is a new request, not a retry of the last one
     * with another body (refused before its fields are looked at).
     */
    record Sendable(Caller caller, Map<String, String> path, Map<String, String> query, Map<String, String> headers,
                    String body, Map<String, String> claims) {
        APIGatewayV2HTTPEvent event() {
            APIGatewayV2HTTPEvent event = ApiEvents.as(ApiEvents.load(caller.file()), claims);
            event.setPathParameters(path == null ? null : new HashMap<>(path));
            event.setQueryStringParameters(query == null ? null : new LinkedHashMap<>(query));
            event.setHeaders(headers == null ? null : new HashMap<>(headers));
            if (headers != null && headers.containsKey("idempotency-key")) {
                event.getHeaders().put("idempotency-key", "oversized-" + sent);
            }
            event.setBody(body);
            return event;
        }
    }

    /** One part of a request replaced: where, by what (shown short), and how. */
    record Variant(String where, String value, UnaryOperator<APIGatewayV2HTTPEvent> change) {
    }

    @BeforeAll
    static void setUp(LocalTable plain) {
        started = System.nanoTime();
        calls = StoreProbe.on(plain).build();
        table = new LocalTable(plain.engine(), calls.client(), plain.name());
        world = new World(table);
    }

    @AfterAll
    static void measured() {
        System.out.printf("oversized values: %d requests in %d s%n", sent, (System.nanoTime() - started) / 1_000_000_000);
    }

    @Test
    void valuesAreJustPastTheKeyLimits() {
        for (int bytes : BYTES) {
            assertEquals(true, grown("team-care", bytes).getBytes(StandardCharsets.UTF_8).length >= bytes);
            assertEquals(true, grown("新北", bytes).getBytes(StandardCharsets.UTF_8).length < bytes + 4);
        }
        String wide = wide(257);
        assertEquals(257, wide.codePointCount(0, wide.length()));
        assertEquals(1_028, wide.getBytes(StandardCharsets.UTF_8).length);
    }

    @TestFactory
    Stream<DynamicTest> noOversizedValueAnywhereIsA5xxOrARefusalThatChangedSomething() {
        Map<String, List<Caller>> byFile = new LinkedHashMap<>();
        Set<String> filesInMatrix = new TreeSet<>();
        for (AuthorizationMatrixTest.Row row : AuthorizationMatrixTest.matrix()) {
            filesInMatrix.add(row.event());
            List<Caller> callers = byFile.computeIfAbsent(row.route() + " (" + row.event() + ")", k -> new ArrayList<>());
            Map<String, String> fileClaims = claimsOf(row.event());
            row.expected().forEach((who, status) -> {
                if (status != 401 && status != 403 && status != 404) {
                    callers.add(new Caller(row.route(), row.event(), row.subject(), who, null));
                }
            });
            if (fileClaims != null) {
                callers.add(new Caller(row.route(), row.event(), row.subject(), null, fileClaims));
            }
        }
        ApiEvents.filesByRoute().forEach((route, files) -> files.stream().filter(f -> !filesInMatrix.contains(f))
                .forEach(file -> byFile.put(route + " (" + file + ")",
                        List.of(new Caller(route, file, Subject.FILE, null, claimsOf(file))))));
        return byFile.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            List<String> faults = new ArrayList<>();
            int tried = 0;
            boolean first = true;
            for (Caller caller : entry.getValue()) {
                tried += tryEveryPart(caller, first, faults);
                first = false;
            }
            if (!faults.isEmpty()) {
                fail(faults.size() + " of " + tried + " requests:\n" + String.join("\n", faults));
            }
        }));
    }

    /**
     * Each part of the caller's request replaced in turn by each oversized value; the faults found. What a refusal
     * wrote is seen from the probe: writes all refused by their condition changed nothing; any other write of a
     * refusal is sent again on a fresh subject between two Scans, to name what it changed (a Scan of every try would
     * make the run many minutes long).
     */
    private static int tryEveryPart(Caller caller, boolean everyPart, List<String> faults) throws Exception {
        Sendable request = caller.prepare();
        List<Variant> variants = variants(caller.route(), request, everyPart);
        boolean subjectChanged = false;
        for (Variant variant : variants) {
            if (subjectChanged) {
                request = caller.prepare();
                subjectChanged = false;
            }
            StoreProbe.Reading before = calls.reading();
            APIGatewayV2HTTPResponse response = world.deployment.call(variant.change().apply(request.event()));
            StoreProbe.Reading effort = calls.reading().minus(before);
            sent++;
            String where = caller + ", " + variant.where() + " = " + variant.value();
            String problem = HostileInputPropertiesTest.problemIn(response);
            if (problem != null) {
                faults.add(where + ": " + problem);
            }
            if (effort.writeCalls() == 0) {
                continue;
            }
            if (response.getStatusCode() < 400) {
                subjectChanged = true; // a success changed the subject: the next part is tried on a fresh one
                continue;
            }
            if (effort.itemWrites() == effort.refusedWrites()) {
                continue; // every write refused by its condition: nothing changed
            }
            request = caller.prepare();
            TableSnapshot stored = TableSnapshot.of(table);
            APIGatewayV2HTTPResponse again = world.deployment.call(variant.change().apply(request.event()));
            List<String> changes = TableSnapshot.of(table).changesSince(stored);
            if (again.getStatusCode() >= 400 && !changes.isEmpty()) {
                faults.add(where + ": a " + again.getStatusCode() + " changed the table: " + changes);
            }
            subjectChanged = true;
        }
        return variants.size();
    }

    /** Every part of the request a client chooses, each with every oversized value of its kind. */
    private static List<Variant> variants(String route, Sendable request, boolean everyPart) throws Exception {
        List<Variant> variants = new ArrayList<>();
        Matcher names = PATH_NAME.matcher(route.substring(route.indexOf(' ') + 1));
        while (names.find()) {
            String name = names.group(1);
            String given = request.path() == null ? null : request.path().get(name);
            for (String value : texts(given)) {
                variants.add(new Variant("path " + name, Hostile.shown(value),
                        e -> ApiEvents.withPath(e, name, value)));
            }
        }
        Set<String> queryNames = new TreeSet<>(HostileQueryTest.READS.getOrDefault(route, Map.of()).keySet());
        if (request.query() != null) {
            queryNames.addAll(request.query().keySet());
        }
        for (String name : queryNames) {
            String given = request.query() == null ? null : request.query().get(name);
            for (String value : texts(given)) {
                variants.add(new Variant("query " + name, Hostile.shown(value), e -> {
                    Map<String, String> query = e.getQueryStringParameters() == null ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(e.getQueryStringParameters());
                    query.put(name, value);
                    e.setQueryStringParameters(query);
                    return e;
                }));
            }
        }
        if (!everyPart) {
            return variants; // headers and body are read alike for every caller: the first caller tries them
        }
        for (String name : headersThatMatter(route, request.headers())) {
            String given = request.headers() == null ? null : request.headers().get(name);
            for (String value : texts(given == null ? HEADERS.get(name) : given)) {
                variants.add(new Variant("header " + name, Hostile.shown(value),
                        e -> ApiEvents.withHeader(e, name, value)));
            }
        }
        if (request.body() != null && !request.body().isBlank()) {
            JsonNode body = Json.read(request.body());
            List<String> strings = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            leaves(body, "", strings, numbers);
            for (String field : strings) {
                for (String value : texts(leaf(body, field).asText())) {
                    String raw = Json.write(TextNode.valueOf(value));
                    variants.add(new Variant("body " + field, Hostile.shown(value),
                            e -> ApiEvents.withBody(e, Hostile.withField(request.body(), field, raw))));
                }
            }
            for (String field : numbers) {
                for (String raw : HUGE_NUMBERS) {
                    variants.add(new Variant("body " + field, raw,
                            e -> ApiEvents.withBody(e, Hostile.withField(request.body(), field, raw))));
                }
            }
        }
        return variants;
    }

    /**
     * Accept where a route answers content (a GET), If-Match where a route changes something, Idempotency-Key where
     * the route's file sends one: elsewhere the header is not read, and a success would only cost a fresh subject.
     */
    private static List<String> headersThatMatter(String route, Map<String, String> given) {
        List<String> names = new ArrayList<>();
        names.add(route.startsWith("GET ") ? "accept" : "if-match");
        if (given != null && given.containsKey("idempotency-key")) {
            names.add("idempotency-key");
        }
        return names;
    }

    /** Dotted paths of every string and number of the body: nested objects' and each array element's. */
    private static void leaves(JsonNode node, String prefix, List<String> strings, List<String> numbers) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), prefix + f.getKey() + ".", strings, numbers));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), prefix + i + ".", strings, numbers);
            }
        } else if (node.isTextual()) {
            strings.add(prefix.substring(0, prefix.length() - 1));
        } else if (node.isNumber()) {
            numbers.add(prefix.substring(0, prefix.length() - 1));
        }
    }

    private static JsonNode leaf(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            node = node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
        }
        return node;
    }

    /** The oversized values of a text part: its own text grown past each byte limit, and wide characters. */
    static List<String> texts(String given) {
        List<String> values = new ArrayList<>();
        BYTES.forEach(bytes -> values.add(grown(given == null || given.isEmpty() ? "a" : given, bytes)));
        WIDE_CHARACTERS.forEach(count -> values.add(wide(count)));
        return values;
    }

    /** The text repeated, character by character, until it holds at least {@code bytes} bytes of UTF-8. */
    static String grown(String text, int bytes) {
        StringBuilder grown = new StringBuilder();
        int size = 0;
        int[] points = text.codePoints().toArray();
        for (int i = 0; size < bytes; i = (i + 1) % points.length) {
            grown.appendCodePoint(points[i]);
            size += new String(Character.toChars(points[i])).getBytes(StandardCharsets.UTF_8).length;
        }
        return grown.toString();
    }

    /** {@code count} characters of 4 bytes each: a letter outside the basic plane and an emoji, in turn. */
    static String wide(int count) {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < count; i++) {
            wide.appendCodePoint(i % 2 == 0 ? 0x20BB7 : 0x1F600);
        }
        return wide.toString();
    }

    private static Map<String, String> claimsOf(String file) {
        APIGatewayV2HTTPEvent event = ApiEvents.load(file);
        return event.getRequestContext().getAuthorizer() == null ? null
                : event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }
}
