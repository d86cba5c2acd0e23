package diandan.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;

/**
 * {@code ./run-local bench}: a small load run through the whole local stack (HTTP, JWT, event mapping, the
 * handler, dynalite) on a throwaway in-memory engine: warm-up, then N sequential {@code POST /requests} with the
 * body of {@code events/submit-request.json} and N {@code GET /requests/{id}}. Reports p50/p99 as the client
 * sees them, the handler's share (from the stack's invocation records) and the stack's own overhead.
 */
final class Bench {
    static final int DEFAULT_REQUESTS = 300;
    private static final int WARM_UP = 50;

    private Bench() {
    }

    static int run(LocalStack.Options defaults, int requests, PrintStream out) throws Exception {
        List<Long> handlerNanos = Collections.synchronizedList(new ArrayList<>());
        try (LocalStack stack = LocalStack.start(defaults.withPort(0).withInMemory(true).withBanner(false)
                .withInvocations(invocation -> handlerNanos.add(invocation.nanos())))) {
            // a resident may submit only so many requests an hour: each submission comes from another resident
            LocalSigningKey key = LocalSigningKey.loadOrCreate(defaults.stateDir());
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < WARM_UP + requests; i++) {
                tokens.add(LocalTokens.issue(key, new LocalTokens.Subject("bench-resident-" + i, List.of("resident"),
                        null, null, null), Instant.now(), LocalTokens.VALIDITY));
            }
            String body = EventJson.read(APIGatewayV2HTTPEvent.class,
                    Files.readAllBytes(defaults.root().resolve("events/submit-request.json"))).getBody();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = stack.baseUri();

            for (int i = 0; i < WARM_UP; i++) {
                get(client, base, tokens.get(i), submit(client, base, tokens.get(i), body, null), null);
            }
            handlerNanos.clear();
            List<String> ids = new ArrayList<>();
            List<Long> submitNanos = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ids.add(submit(client, base, tokens.get(WARM_UP + i), body, submitNanos));
            }
            List<Long> submitHandler = new ArrayList<>(handlerNanos);
            handlerNanos.clear();
            List<Long> getNanos = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                get(client, base, tokens.get(WARM_UP + i), ids.get(i), getNanos);
            }
            List<Long> getHandler = new ArrayList<>(handlerNanos);

            out.println("./run-local bench --requests " + requests + "  (sequential, warm, in-memory dynalite; ms)");
            out.println(String.format(Locale.ROOT, "%-22s %6s %8s %8s %12s %12s %14s", "route", "n", "p50", "p99",
                    "handler p50", "handler p99", "overhead p50"));
            report(out, "POST /requests", submitNanos, submitHandler);
            report(out, "GET /requests/{id}", getNanos, getHandler);
            return 0;
        }
    }

    private static String submit(HttpClient client, URI base, String token, String body, List<Long> timings)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/requests"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        JsonNode created = Json.read(send(client, request, 201, timings));
        return created.get("id").asText();
    }

    private static void get(HttpClient client, URI base, String token, String id, List<Long> timings)
            throws IOException, InterruptedException {
        send(client, HttpRequest.newBuilder(base.resolve("/requests/" + id))
                .header("Authorization", "Bearer " + token).GET().build(), 200, timings);
    }

    private static String send(HttpClient client, HttpRequest request, int expected, List<Long> timings)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        if (timings != null) {
            timings.add(elapsed);
        }
        return response.body();
    }

    private static void report(PrintStream out, String route, List<Long> client, List<Long> handler) {
        List<Long> overhead = new ArrayList<>();
        for (int i = 0; i < Math.min(client.size(), handler.size()); i++) {
            overhead.add(client.get(i) - handler.get(i));
        }
        out.println(String.format(Locale.ROOT, "%-22s %6d %8.1f %8.1f %12.1f %12.1f %14.1f", route, client.size(),
                percentile(client, 50), percentile(client, 99), percentile(handler, 50), percentile(handler, 99),
                percentile(overhead, 50)));
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1_000_000.0;
    }
}
