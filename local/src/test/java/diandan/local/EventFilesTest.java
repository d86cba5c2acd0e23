package diandan.local;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;
import diandan.devkit.Template;

/**
 * Every file in {@code events/} works as given on a fresh local stack, as {@code ./run-local invoke} runs it: an
 * HTTP event answers 2xx, a schedule event runs without a function error. The files act on the demo district's
 * fixed-id requests, hours and alert, each on its own, so they run in any order: here in name order, and on a
 * second fresh stack in the reverse order, so that no file depends on another having run before it. A file that
 * reads a list answers a non-empty one on a fresh stack: a 200 with nothing in it says the file names ids the
 * demo district lacks.
 */
class EventFilesTest {
    @TempDir
    static Path state;
    static final Path ROOT = RepoRoot.find();
    static LocalStack stack;
    static Map<String, String> functionByRoute;
    static List<Schedules.Entry> schedules;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStack.Options.defaults(ROOT, line -> { })
                .withStateDir(state).withPort(0).withInMemory(true).withBanner(false).withInvocations(i -> { }));
        Template template = Template.load(ROOT.resolve("template.yaml"));
        functionByRoute = template.routes().stream()
                .collect(Collectors.toMap(Template.Route::routeKey, Template.Route::functionId));
        schedules = Schedules.fromTemplate(template, java.time.Instant.now());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static List<Path> files() throws Exception {
        try (Stream<Path> all = Files.list(ROOT.resolve("events"))) {
            List<Path> files = all.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(files.isEmpty());
            return files;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEventFileWorksOnAFreshStack() throws Exception {
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> run(stack, file)));
    }

    @Test
    void everyEventFileWorksInTheReverseOrderToo(@TempDir Path otherState) throws Exception {
        List<Path> reversed = new java.util.ArrayList<>(files());
        java.util.Collections.reverse(reversed);
        try (LocalStack fresh = LocalStack.start(LocalStack.Options.defaults(ROOT, line -> { })
                .withStateDir(otherState).withPort(0).withInMemory(true).withBanner(false).withInvocations(i -> { }))) {
            assertAll(reversed.stream().map(file -> () -> run(fresh, file)));
        }
    }

    /**
     * Before any other file has acted on the demo, each reading file that answers a list (JSON {@code items}, a
     * tally's {@code records}, CSV rows) lists at least one thing.
     */
    @Test
    void everyListingEventListsDemoItemsOnAFreshStack(@TempDir Path otherState) throws Exception {
        try (LocalStack fresh = LocalStack.start(LocalStack.Options.defaults(ROOT, line -> { })
                .withStateDir(otherState).withPort(0).withInMemory(true).withBanner(false).withInvocations(i -> { }))) {
            assertAll(files().stream().filter(EventFilesTest::reads).map(file -> () -> {
                JsonNode response = run(fresh, file);
                String body = response.path("body").asText();
                String name = file.getFileName().toString();
                if (body.startsWith("{")) {
                    JsonNode answer = Json.read(body);
                    assertFalse(answer.path("items").isArray() && answer.path("items").isEmpty(),
                            name + " lists no items: " + body);
                    assertFalse(answer.path("records").isNumber() && answer.path("records").asLong() == 0,
                            name + " counts no records: " + body);
                } else if (response.path("headers").path("content-type").asText().startsWith("text/csv")) {
                    assertTrue(body.strip().lines().count() > 1, name + " exports no rows: " + body);
                }
            }));
        }
    }

    private static boolean reads(Path file) {
        try {
            return Json.read(Files.readString(file)).path("routeKey").asText().startsWith("GET ");
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    /** @return the function's response to an HTTP event; null for a schedule event */
    private static JsonNode run(LocalStack stack, Path file) throws Exception {
        byte[] payload = Files.readAllBytes(file);
        JsonNode event = Json.read(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        String name = file.getFileName().toString();
        if (event.path("routeKey").isTextual()) {
            String function = functionByRoute.get(event.get("routeKey").asText());
            assertTrue(function != null, name + ": no route " + event.get("routeKey") + " in template.yaml");
            JsonNode response = Json.read(new String(stack.invoke(function, payload),
                    java.nio.charset.StandardCharsets.UTF_8));
            int status = response.path("statusCode").asInt();
            assertTrue(status >= 200 && status < 300, name + " -> " + function + ": " + status + " "
                    + response.path("body").asText());
            return response;
        } else {
            String rule = event.path("resources").path(0).asText();
            Schedules.Entry entry = schedules.stream().filter(e -> rule.endsWith(e.functionId() + e.eventId()))
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": no schedule for " + rule));
            stack.invoke(entry.functionId(), payload);
            return null;
        }
    }
}
