package diandan.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.adapter.priming.PrimingHttpClient;

/**
 * SnapStart priming: before the snapshot is taken, a function answers requests through its real routes (parse,
 * checks, use case, table, response), so that the classes and the connection they need are in the snapshot. Each
 * route gets the well-formed requests of {@code events/} (shared's build packages them in every function), with
 * writes answered from canned responses ({@link PrimingHttpClient}): the write paths are walked, the SDK's
 * marshalling and response parsing included, and nothing is written. A priming request is answered like any
 * other (a 404 or 422 is an answer: on a table without the files' ids a state change stops at its read);
 * priming never stops a checkpoint.
 */
public final class Priming {
    /** Where shared's build packages the files of {@code events/}. */
    private static final String EVENTS = "diandan/priming/events/";

    private Priming() {
    }

    /** Answers each file of {@code events/} for one of the function's routes, writes answered from canned responses. */
    public static void everyRoute(HttpFunction function) {
        everyRoute(function.routeKeys(), event -> function.handle(LambdaEvents.http(event)));
    }

    /**
     * Hands {@code send} each file of {@code events/} whose route is one of {@code routeKeys}, in name order, while
     * writes are answered from canned responses; then again until one conditional write of an item priming holds has
     * been answered as lost to another writer ({@link PrimingHttpClient#losingOneRace}). A request that fails is
     * logged, and the next one sent.
     */
    public static void everyRoute(Set<String> routeKeys, Consumer<JsonNode> send) {
        List<JsonNode> events = packagedEvents().stream()
                .filter(event -> routeKeys.contains(event.path("routeKey").asText())).toList();
        PrimingHttpClient.during(() -> sendEach(events, send, () -> false));
        PrimingHttpClient.losingOneRace(lost -> sendEach(events, send, lost));
    }

    private static void sendEach(List<JsonNode> events, Consumer<JsonNode> send, BooleanSupplier done) {
        for (JsonNode event : events) {
            if (done.getAsBoolean()) {
                return;
            }
            try {
                send.accept(event);
            } catch (RuntimeException e) {
                Log.error("priming failed", "priming", e);
            }
        }
    }

    /** The packaged files of {@code events/}, in name order, from the function's directory (as Lambda unpacks it) or jar. */
    public static List<JsonNode> packagedEvents() {
        List<String> names = new ArrayList<>();
        try {
            Path code = Path.of(Priming.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                try (Stream<Path> files = Files.list(code.resolve(EVENTS))) {
                    files.forEach(file -> names.add(EVENTS + file.getFileName()));
                }
            } else {
                try (JarFile jar = new JarFile(code.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(name -> name.startsWith(EVENTS) && name.endsWith(".json")).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            try (InputStream in = Priming.class.getClassLoader().getResourceAsStream(name)) {
                events.add(Json.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }
}
