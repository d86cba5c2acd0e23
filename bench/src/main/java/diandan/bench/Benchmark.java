package diandan.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.json.Json;
import diandan.assignment.AssignmentHandler;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.RepoRoot;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.intake.IntakeHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The benchmark behind docs/performance.md: cold starts against a one-GetItem baseline, warm latency per
 * route, capacity per operation. Against dynalite on loopback; numbers are this machine's, ratios travel.
 */
public final class Benchmark {
    private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 5);
    private static final int WARM_CALLS = Integer.getInteger("bench.warmCalls", 400);

    private final Path root = RepoRoot.find();
    private final StringBuilder report = new StringBuilder();
    private final Dynalite engine;
    private final String table = "bench";
    private final CapacityMeter meter = new CapacityMeter();
    private final DynamoDbClient client;

    private Benchmark(Dynalite engine) {
        this.engine = engine;
        this.client = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(meter).build())
                .build();
    }

    public static void main(String[] args) throws Exception {
        try (Dynalite engine = Dynalite.start(null)) {
            Benchmark benchmark = new Benchmark(engine);
            benchmark.run(String.join(" ", args));
        }
    }

    private void run(String commandLine) throws Exception {
        TableDefinition.fromTemplate(Template.load()).ensureCreated(client, table);
        RegistryFile.load(root.resolve("local/demo/registry.json"), new DynamoRegistryRepository(client, table));
        report.append("# Performance\n\nWritten by `./bench/run").append(commandLine.isEmpty() ? "" : " " + commandLine)
                .append("` on ").append(Instant.now().toString(), 0, 10).append(". Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(ManagementFactory.getOperatingSystemMXBean().getName()).append(' ')
                .append(System.getProperty("os.arch")).append(", Java ").append(System.getProperty("java.version"))
                .append(". Engine: dynalite on loopback (a real DynamoDB API, not AWS: latencies are local, ")
                .append("capacity units are computed by the engine the way DynamoDB bills them).\n\n");
        coldStarts();
        warmLatency();
        Files.writeString(root.resolve("docs/performance.md"), report.toString());
        System.out.println(report);
    }

    // ---- 1. cold start ----------------------------------------------------------------------------

    private record Subject(String name, Path jar, String handler, String event) {
    }

    private record ColdStart(double medianMs, int classes) {
    }

    private void coldStarts() throws Exception {
        Map<String, String> events = Map.of("IntakeFunction", "get-request.json", "AssignmentFunction", "list-categories.json",
                "EscalationFunction", "schedule-tick.json", "HoursFunction", "list-activities.json");
        List<Subject> subjects = new ArrayList<>();
        subjects.add(new Subject("Baseline (one GetItem)", root.resolve("bench/target/baseline-function.jar"),
                BaselineHandler.class.getName(), "get-request.json"));
        for (Template.Function function : Template.load().functions()) {
            Path jar = root.resolve(function.codeUri());
            String event = events.get(function.logicalId());
            if (containsClass(jar, function.handlerClass()) && event != null
                    && Files.exists(root.resolve("events").resolve(event))) {
                subjects.add(new Subject(function.logicalId(), jar, function.handlerClass(), event));
            }
        }
        report.append("## 1. Cold start, per function\n\n")
                .append("A fresh JVM per run (median of ").append(COLD_RUNS).append("): load the handler, construct it, ")
                .append("deserialize the event with Lambda's own serializers, answer it. Wall time from JVM start to the ")
                .append("answered event; classes loaded by then. Same table, same SDK set-up for all.\n\n");
        for (String options : List.of("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", "")) {
            report.append("JVM options: `").append(options.isEmpty() ? "(none)" : options).append("`\n\n")
                    .append("| function | jar size | classes loaded | × baseline | first event (ms) | × baseline |\n")
                    .append("|---|---:|---:|---:|---:|---:|\n");
            ColdStart baseline = null;
            for (Subject subject : subjects) {
                ColdStart result = coldStart(subject, options);
                if (baseline == null) {
                    baseline = result;
                }
                report.append(String.format(Locale.ROOT, "| %s | %.1f MB | %d | %.2f | %.0f | %.2f |%n", subject.name(),
                        Files.size(subject.jar()) / 1e6, result.classes(), result.classes() / (double) baseline.classes(),
                        result.medianMs(), result.medianMs() / baseline.medianMs()));
            }
            report.append('\n');
        }
    }

    private static boolean containsClass(Path jar, String className) throws IOException {
        if (!Files.exists(jar)) {
            return false;
        }
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry(className.replace('.', '/') + ".class") != null;
        }
    }

    private ColdStart coldStart(Subject subject, String jvmOptions) throws Exception {
        String probe = Path.of(FirstEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String serialization = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        double[] times = new double[COLD_RUNS];
        int classes = 0;
        for (int run = 0; run < COLD_RUNS; run++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (!jvmOptions.isEmpty()) {
                command.addAll(Arrays.asList(jvmOptions.split(" ")));
            }
            command.addAll(List.of("-Xshare:auto", "-cp", subject.jar() + java.io.File.pathSeparator + probe
                    + java.io.File.pathSeparator + serialization, FirstEvent.class.getName(), subject.handler(),
                    root.resolve("events").resolve(subject.event()).toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("TABLE_NAME", table);
            builder.environment().put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
            builder.environment().put("AWS_REGION", "us-east-1");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            Process process = builder.start();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("FIRST-EVENT ")) {
                        result = line;
                    }
                }
            }
            process.waitFor();
            if (result == null) {
                throw new IllegalStateException(subject.name() + " gave no answer (exit " + process.exitValue() + ")");
            }
            String[] parts = result.split(" ");
            times[run] = Double.parseDouble(parts[1]);
            classes = Integer.parseInt(parts[2]);
        }
        Arrays.sort(times);
        return new ColdStart(times[COLD_RUNS / 2], classes);
    }

    // ---- 2. warm latency and 3. capacity per route --------------------------------------------------

    private void warmLatency() throws IOException {
        IntakeHandler intake = new IntakeHandler(client, table, java.time.Clock.systemUTC());
        AssignmentHandler assignment = new AssignmentHandler(client, table, java.time.Clock.systemUTC());
        String id = field(intake.handleRequest(ApiEvents.load("submit-request.json"), null), "id");
        Map<String, Supplier<APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
        routes.put("POST /requests", () -> intake.handleRequest(ApiEvents.withHeader(ApiEvents.load("submit-request.json"),
                "Idempotency-Key", java.util.UUID.randomUUID().toString()), null));
        routes.put("POST /requests (idempotent replay)", () -> intake.handleRequest(ApiEvents.load("submit-request.json"), null));
        routes.put("GET /requests/{id}", () -> intake.handleRequest(ApiEvents.withPath(ApiEvents.load("get-request.json"), "id", id), null));
        routes.put("GET /requests", () -> intake.handleRequest(ApiEvents.as(ApiEvents.load("list-requests.json"),
                ApiEvents.resident("resident-zhang")), null));
        routes.put("GET /wishes", () -> intake.handleRequest(ApiEvents.load("list-wishes.json"), null));
        routes.put("GET /categories", () -> assignment.handleRequest(ApiEvents.load("list-categories.json"), null));
        routes.put("GET /areas", () -> assignment.handleRequest(ApiEvents.load("list-areas.json"), null));

        report.append("## 2. Warm latency and 3. capacity per route\n\n")
                .append("Through the handler in process, after ").append(WARM_CALLS / 2).append(" warm-up calls; ")
                .append(WARM_CALLS).append(" measured calls each. Capacity: read and write units per call as the engine ")
                .append("reports them (`ReturnConsumedCapacity=TOTAL`), and DynamoDB calls per request.\n\n")
                .append("| route | status | p50 (ms) | p99 (ms) | RCU / call | WCU / call | DynamoDB calls / call |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Supplier<APIGatewayV2HTTPResponse>> route : routes.entrySet()) {
            for (int i = 0; i < WARM_CALLS / 2; i++) {
                route.getValue().get();
            }
            double[] millis = new double[WARM_CALLS];
            int status = 0;
            CapacityMeter.Reading before = meter.read();
            for (int i = 0; i < WARM_CALLS; i++) {
                long start = System.nanoTime();
                status = route.getValue().get().getStatusCode();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            CapacityMeter.Reading used = meter.read().minus(before);
            Arrays.sort(millis);
            report.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", route.getKey(), status,
                    millis[WARM_CALLS / 2], millis[(int) Math.ceil(WARM_CALLS * 0.99) - 1], used.readUnits() / WARM_CALLS,
                    used.writeUnits() / WARM_CALLS, used.calls() / (double) WARM_CALLS));
        }
        report.append('\n');
    }

    private static String field(APIGatewayV2HTTPResponse response, String name) throws IOException {
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        if (!body.has(name)) {
            throw new IllegalStateException(response.getBody());
        }
        return body.get(name).asText();
    }
}
