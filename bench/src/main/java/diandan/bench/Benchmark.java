package diandan.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import diandan.devkit.Dynalite;
import diandan.devkit.RepoRoot;

/**
 * The benchmark behind docs/performance.md: cold starts against one-GetItem baselines, warm latency and capacity
 * of every route, the capacity of a whole request life, the sweep's scaling with the table, the price of
 * the functions' memory and architecture, the SLA report over a day, a month and a year of a district, and the
 * round trips of every state-changing route.
 * Against dynalite on loopback: times are this machine's, ratios and capacity units travel.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path root = RepoRoot.find();
        Markdown report = new Markdown();
        if (!settings.functions().isEmpty()) {
            coldStartsOnly(settings, root, report, String.join(" ", args));
            return;
        }
        String roundTripProse = Files.readString(root.resolve(RoundTrips.PROSE)); // before the run, not after it
        try (Dynalite engine = Dynalite.start(null)) {
            Desk desk = new Desk(engine, "bench");
            header(report, desk, String.join(" ", args));
            Markdown coldSection = new Markdown();
            Markdown warmSection = new Markdown();
            Markdown lifeSection = new Markdown();
            Markdown sweepSection = new Markdown();
            Markdown priceSection = new Markdown();
            Markdown slaSection = new Markdown();
            ColdStarts coldStarts = new ColdStarts(desk, engine, settings);
            Map<String, ColdStarts.Figures> cold = coldStarts.run(coldSection);
            List<ColdStarts.PrimedRoute> primed = coldStarts.runPerRoute(coldSection);
            // the life first: its rollup makes the tallies the routes then read
            RequestLife.Result life = new RequestLife(desk).run(lifeSection);
            List<WarmRoutes.Result> warm = new WarmRoutes(desk, settings).run(warmSection);
            SweepScaling.Result sweep = new SweepScaling(engine, settings).run(sweepSection);
            new Pricing(desk.template, warm, life).run(priceSection);
            SlaReportScale slaScale = new SlaReportScale(engine, engine.client(), "sla-scale",
                    SlaReportScale.REQUESTS_A_DAY, 5);
            SlaReportScale.Result sla = slaScale.run();
            slaScale.write(slaSection, sla);
            Markdown roundTripSection = new Markdown();
            RoundTrips.write(roundTripSection, warm, settings.costCalls(), roundTripProse);
            Targets.write(report, cold, primed, warm, life, sweep, sla);
            report.append(coldSection).append(warmSection).append(lifeSection).append(sweepSection).append(priceSection)
                    .append(slaSection).append(roundTripSection);
        }
        Files.writeString(root.resolve("docs/performance.md"), report.toString());
        System.out.println(report);
    }

    /**
     * Section 1 alone, for the functions named ({@code -Dbench.functions}) next to the baselines: a few minutes
     * instead of the whole run. Written to bench/target/cold-starts.md: docs/performance.md stays the whole run's.
     */
    private static void coldStartsOnly(Settings settings, Path root, Markdown report, String commandLine)
            throws Exception {
        try (Dynalite engine = Dynalite.start(null)) {
            Desk desk = new Desk(engine, "bench");
            header(report, desk, commandLine);
            ColdStarts coldStarts = new ColdStarts(desk, engine, settings);
            Markdown section = new Markdown();
            Map<String, ColdStarts.Figures> cold = coldStarts.run(section);
            List<ColdStarts.PrimedRoute> primed = coldStarts.runPerRoute(section);
            Targets.writeColdStarts(report, cold, primed);
            report.append(section);
        }
        Files.writeString(root.resolve("bench/target/cold-starts.md"), report.toString());
        System.out.println(report);
    }

    private static void header(Markdown report, Desk desk, String commandLine) {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:")).toList();
        report.heading(1, "Performance")
                .paragraph("Written by `./bench/run" + (commandLine.isEmpty() ? "" : " " + commandLine) + "` on "
                        + Instant.now().toString().substring(0, 10) + ". Machine: "
                        + Runtime.getRuntime().availableProcessors() + " cores, "
                        + ManagementFactory.getOperatingSystemMXBean().getName() + " "
                        + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                        + " (the benchmark's JVM runs with " + (jvm.isEmpty() ? "no -XX options" : "`" + String.join(" ", jvm) + "`")
                        + ", the template's `JAVA_TOOL_OPTIONS`, so warm code runs as deployed). Engine: dynalite on "
                        + "loopback: a real implementation of the DynamoDB API, not AWS, so latencies are local; capacity "
                        + "is counted as DynamoDB bills it (sections 2 and 3 say how). Table: `" + desk.table
                        + "`, made from template.yaml, holding the demo district (`local/demo/registry.json`).");
    }
}
