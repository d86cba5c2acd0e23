package diandan.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import diandan.devkit.Dynalite;
import diandan.devkit.RepoRoot;
import diandan.devkit.Template;

/**
 * Table 1: each function's cold start in fresh JVMs ({@link FirstEvent}), from its deployable jar, next to the
 * one-GetItem baselines on either HTTP client, with and without the template's {@code JAVA_TOOL_OPTIONS}, and
 * after SnapStart priming. Runs are interleaved (run 1 of every subject, then run 2, ...) so that the machine's
 * moods spread evenly.
 */
final class ColdStarts {
    /** The event each function answers first: its busiest route, schedule or bus rule. */
    static final Map<String, String> FIRST_EVENT = Map.of(
            "IntakeFunction", "POST /requests",
            "AssignmentFunction", "POST /requests/{id}/accept",
            "EscalationFunction", Scenarios.schedule("EscalationFunction"),
            "EscalationApiFunction", "GET /alerts",
            "HoursFunction", "POST /hours",
            "NotifierFunction", Scenarios.busEvent("NotifierFunction"),
            "NotificationSettingsFunction", "GET /me/notifications",
            "RetentionFunction", Scenarios.schedule("RetentionFunction"),
            "LoadReconciliationFunction", Scenarios.schedule("LoadReconciliationFunction"));
    static final String URL_BASELINE = "Baseline: one GetItem, url-connection";
    static final String CRT_BASELINE = "Baseline: one GetItem, AWS CRT";

    /** A jar and handler to start, with the event it answers. */
    private record Subject(String name, Path jar, String handler, String eventKey, boolean primes) {
    }

    /** One variant of the JVM's start: its JAVA_TOOL_OPTIONS, and whether priming runs before the event. */
    private record Variant(String title, String javaToolOptions, boolean prime) {
    }

    /** The first event of one route (or schedule) after its function's priming, in a fresh JVM. */
    record PrimedRoute(String functionId, String key, int classes, int eventMs, String status) {
        boolean holds() {
            return classes <= Targets.CLASSES_AFTER_PRIMING;
        }
    }

    /** The medians of a subject under a variant. */
    record Figures(double wallMs, double initMs, double classes, double primeMs, double afterPrime, double eventMs,
                   String status, long jarBytes) {
    }

    private final Desk desk;
    private final Scenarios scenarios;
    private final Settings settings;
    private final Dynalite engine;
    private final Path root = RepoRoot.find();
    private final Path work;

    ColdStarts(Desk desk, Dynalite engine, Settings settings) throws IOException {
        this.desk = desk;
        this.scenarios = new Scenarios(desk);
        this.engine = engine;
        this.settings = settings;
        this.work = Files.createDirectories(root.resolve("bench/target/cold"));
    }

    /** Writes table 1; returns the figures under the template's JVM options, by subject. */
    Map<String, Figures> run(Markdown report) throws Exception {
        String toolOptions = String.valueOf(desk.template.functions().get(0).environment().get("JAVA_TOOL_OPTIONS"));
        List<Variant> variants = List.of(new Variant("no JVM options", "", false),
                new Variant("`JAVA_TOOL_OPTIONS=" + toolOptions + "` (the template's)", toolOptions, false),
                new Variant("the template's options, after SnapStart priming", toolOptions, true));
        List<Subject> subjects = subjects();
        Map<String, Map<String, List<Map<String, String>>>> runs = new LinkedHashMap<>();
        for (int run = 0; run < settings.coldRuns(); run++) {
            for (Variant variant : variants) {
                for (Subject subject : subjects) {
                    if (variant.prime() && !subject.primes()) {
                        continue;
                    }
                    System.out.println("cold start " + (run + 1) + "/" + settings.coldRuns() + ": " + subject.name()
                            + (variant.javaToolOptions().isEmpty() ? "" : " " + variant.javaToolOptions())
                            + (variant.prime() ? " primed" : ""));
                    runs.computeIfAbsent(variant.title(), v -> new LinkedHashMap<>())
                            .computeIfAbsent(subject.name(), s -> new ArrayList<>()).add(start(subject, variant));
                }
            }
        }
        Map<String, Map<String, Figures>> figures = new LinkedHashMap<>();
        runs.forEach((variant, bySubject) -> {
            Map<String, Figures> medians = new LinkedHashMap<>();
            bySubject.forEach((subject, lines) -> medians.put(subject, medians(lines,
                    subjects.stream().filter(s -> s.name().equals(subject)).findFirst().orElseThrow().jar())));
            figures.put(variant, medians);
        });
        write(report, figures);
        return figures.get(variants.get(1).title());
    }

    /**
     * Writes the table of every route's first event after priming: one fresh JVM a route (each route's first event
     * after a snapshot meets only what priming loaded, not what another route's event did), with the template's
     * options; the routes of the functions measured ({@code bench.functions}, or all).
     */
    List<PrimedRoute> runPerRoute(Markdown report) throws Exception {
        String toolOptions = String.valueOf(desk.template.functions().get(0).environment().get("JAVA_TOOL_OPTIONS"));
        Variant primed = new Variant("primed", toolOptions, true);
        List<PrimedRoute> routes = new ArrayList<>();
        for (String[] key : new WarmRoutes(desk, settings).keys()) {
            if (!settings.functions().isEmpty() && !settings.functions().contains(key[0])) {
                continue;
            }
            Template.Function function = desk.template.functions().stream()
                    .filter(f -> f.logicalId().equals(key[0])).findFirst().orElseThrow();
            System.out.println("primed first event: " + key[0] + " " + key[1]);
            Map<String, String> figures = start(new Subject(key[0], root.resolve(function.codeUri()),
                    function.handlerClass(), key[1], true), primed);
            routes.add(new PrimedRoute(key[0], key[1], Integer.parseInt(figures.get("afterPrime")),
                    Integer.parseInt(figures.get("event")), figures.get("status")));
        }
        report.paragraph("**The first event of every route after SnapStart priming**")
                .paragraph("One fresh JVM a route, with the template's options: the function is built and primed (its "
                        + "`beforeCheckpoint`: each of its routes answers the well-formed requests of `events/`, packaged in "
                        + "every jar, while the HTTP client under the SDK clients answers writes from canned responses, so "
                        + "that nothing is written, and reads of the items the files name from packaged copies, which the "
                        + "benchmark's table lacks, then once more until one conditional write is answered as a lost race; "
                        + "`Priming`, `PrimingHttpClient`, `PrimingItems`), then the route's own "
                        + "event, with state made for it as in section 2, is answered. **Classes** are those the event "
                        + "loaded after priming (the runtime's reading and writing of events done ahead and not counted): "
                        + "what the snapshot misses. Target: ≤ " + Targets.CLASSES_AFTER_PRIMING + ". One run a route "
                        + "(class counts vary by a few between runs; the times are a single sample).");
        Markdown.Table table = report.table("function", "route", "classes after priming:", "first event ms:", "status",
                "≤ " + Targets.CLASSES_AFTER_PRIMING);
        for (PrimedRoute r : routes) {
            table.row(r.functionId(), "`" + r.key() + "`", Markdown.number(r.classes(), 0), Markdown.number(r.eventMs(), 0),
                    r.status(), r.holds() ? "yes" : "**no**");
        }
        table.end();
        return routes;
    }

    private List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        subjects.add(new Subject(URL_BASELINE, root.resolve("bench/target/baseline-function.jar"),
                BaselineHandler.class.getName(), null, false));
        subjects.add(new Subject(CRT_BASELINE, root.resolve("bench/target/baseline-crt-function.jar"),
                CrtBaselineHandler.class.getName(), null, false));
        List<Template.Function> measured = desk.template.functions().stream()
                .filter(f -> settings.functions().isEmpty() || settings.functions().contains(f.logicalId())).toList();
        List<String> unknown = settings.functions().stream()
                .filter(name -> measured.stream().noneMatch(f -> f.logicalId().equals(name))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("bench.functions names no function of template.yaml: " + unknown);
        }
        for (Template.Function function : measured) {
            String event = FIRST_EVENT.get(function.logicalId());
            if (event == null) {
                throw new IllegalStateException(function.logicalId() + " has no first event in ColdStarts.FIRST_EVENT");
            }
            subjects.add(new Subject(function.logicalId(), root.resolve(function.codeUri()), function.handlerClass(), event,
                    true));
        }
        return subjects;
    }

    private Map<String, String> start(Subject subject, Variant variant) throws Exception {
        Supplier<Scenarios.Call> scenario = subject.eventKey() == null ? () -> new Scenarios.Call(
                diandan.devkit.ApiEvents.load("get-request.json")) : scenarios.of(subject.eventKey());
        Scenarios.Call call = scenario.get();
        Path event = work.resolve("event.json");
        Path answer = work.resolve("answer.json");
        Files.write(event, LambdaRuntime.json(call.event()));
        Files.deleteIfExists(answer);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, subject.jar().toString(), codeOf(FirstEvent.class),
                        codeOf(LambdaEventSerializers.class)),
                FirstEvent.class.getName(), subject.handler(), event.toString(), answer.toString()));
        if (variant.prime()) {
            command.add("--prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TABLE_NAME", desk.table);
        builder.environment().put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().remove("AWS_ACCESS_KEY_ID");
        if (variant.javaToolOptions().isEmpty()) {
            builder.environment().remove("JAVA_TOOL_OPTIONS");
        } else {
            builder.environment().put("JAVA_TOOL_OPTIONS", variant.javaToolOptions());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("FIRST-EVENT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(subject.name() + " gave no answer:\n" + output));
        call.cleanUp().accept(Files.readAllBytes(answer));
        Map<String, String> figures = new LinkedHashMap<>();
        for (String pair : line.substring("FIRST-EVENT ".length()).split(" ")) {
            figures.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return figures;
    }

    private static String codeOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Figures medians(List<Map<String, String>> runs, Path jar) {
        Samples wall = new Samples();
        Samples init = new Samples();
        Samples classes = new Samples();
        Samples prime = new Samples();
        Samples afterPrime = new Samples();
        Samples event = new Samples();
        List<String> statuses = new ArrayList<>();
        for (Map<String, String> run : runs) {
            wall.add(Double.parseDouble(run.get("wall")));
            init.add(Double.parseDouble(run.get("init")));
            classes.add(Double.parseDouble(run.get("classes")));
            if (run.containsKey("afterPrime")) {
                prime.add(Double.parseDouble(run.get("prime")));
                afterPrime.add(Double.parseDouble(run.get("afterPrime")));
                event.add(Double.parseDouble(run.get("event")));
            }
            if (!statuses.contains(run.get("status"))) {
                statuses.add(run.get("status"));
            }
        }
        try {
            return new Figures(wall.median(), init.median(), classes.median(), prime.median(), afterPrime.median(), event.median(),
                    String.join(", ", statuses), Files.size(jar));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void write(Markdown report, Map<String, Map<String, Figures>> figures) {
        report.heading(2, "1. Cold start, per function")
                .paragraph("Each run is a fresh JVM (`java -cp <deployable jar>`, median of " + settings.coldRuns()
                        + " runs, interleaved): load the handler class, construct it (**init**: Lambda's init phase), read "
                        + "the event with Lambda's own serializers (`aws-lambda-java-serialization`), answer it, write the "
                        + "answer. **First answer** is the wall time from the JVM's start to the written answer; **classes** "
                        + "are those loaded by then. Every function answers its busiest event on the same table: "
                        + FIRST_EVENT.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " `" + e.getValue() + "`").reduce((a, b) -> a + ", " + b).orElse("")
                        + ". The baselines answer with one GetItem on the functions' SDK set-up "
                        + "(`DynamoDb.fromEnvironment`), one on the url-connection client the functions use, one on the AWS "
                        + "CRT client. Ratios are to the url-connection baseline under the same options.");
        for (Map.Entry<String, Map<String, Figures>> variant : figures.entrySet()) {
            Map<String, Figures> bySubject = variant.getValue();
            report.paragraph("**" + variant.getKey().substring(0, 1).toUpperCase() + variant.getKey().substring(1) + "**");
            if (variant.getKey().contains("priming")) {
                Markdown.Table table = report.table("function", "init ms:", "priming ms:",
                        "classes the first event loads after priming:", "first event after priming ms:", "status");
                bySubject.forEach((name, f) -> table.row(name, Markdown.number(f.initMs(), 0), Markdown.number(f.primeMs(), 0),
                        Markdown.number(f.afterPrime(), 0), Markdown.number(f.eventMs(), 0), f.status()));
                table.end();
                continue;
            }
            Figures baseline = bySubject.get(URL_BASELINE);
            Markdown.Table table = report.table("function", "jar MB:", "classes:", "× baseline:", "init ms:",
                    "first answer ms:", "× baseline:", "status");
            bySubject.forEach((name, f) -> table.row(name, Markdown.number(f.jarBytes() / 1e6, 1),
                    Markdown.number(f.classes(), 0), Markdown.ratio(f.classes(), baseline.classes()),
                    Markdown.number(f.initMs(), 0), Markdown.number(f.wallMs(), 0),
                    Markdown.ratio(f.wallMs(), baseline.wallMs()), f.status()));
            table.end();
        }
    }
}
