package diandan.local.simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./run-local simulate [SCENARIO.json] [--days N | --hours H] [--scale K] [--sweep] [--parallel P]
 * [--out DIR]}: one run of the
 * scenario (or, with {@code --sweep}, the load sweep and the levers), its report written to DIR/simulation.md
 * with the charts beside it. Exits 1 when an invariant is violated or a handler failed.
 */
public final class SimulateCommand {
    /** The sweep's scales, and the levers tried at the highest. */
    static final double[] SWEEP = {1, 2, 5, 10};

    private SimulateCommand() {
    }

    /**
     * @param scenarioFile null for the defaults alone
     * @return the exit status
     */
    public static int run(Path root, Path scenarioFile, Integer days, Integer hours, Double scale, boolean sweep,
                          int parallel, Path out, PrintStream console) throws IOException {
        Scenario scenario = Scenario.load(root, scenarioFile);
        if (days != null) {
            scenario = scenario.withDays(days);
        }
        if (scale != null) {
            scenario = scenario.withScale(scale);
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<Scenario> leverScenarios = new ArrayList<>();
        if (sweep) {
            for (double k : SWEEP) {
                scenarios.add(scenario.withScale(k));
            }
            Scenario top = scenario.withScale(SWEEP[SWEEP.length - 1]);
            leverScenarios.add(top.withLevers(new Scenario.Levers(2, false, null)));
            leverScenarios.add(top.withLevers(new Scenario.Levers(1, true, null)));
            leverScenarios.add(top.withLevers(new Scenario.Levers(1, false, new int[] {30, 120, 2880})));
        } else {
            scenarios.add(scenario);
        }
        // each run has its own engine and clock: a sweep's runs go side by side, as many at once as asked
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        List<Future<Outcome>> started = new ArrayList<>();
        for (Scenario one : concat(scenarios, leverScenarios)) {
            Duration length = hours == null ? null : Duration.ofHours(hours);
            started.add(pool.submit(() -> announce(Simulation.run(root, one, length), console)));
        }
        pool.shutdown();
        List<Outcome> all = new ArrayList<>();
        for (Future<Outcome> future : started) {
            try {
                all.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
            }
        }
        List<Outcome> runs = all.subList(0, scenarios.size());
        List<Outcome> levers = all.subList(scenarios.size(), all.size());
        Files.createDirectories(out);
        String source = scenarioFile == null ? Scenario.DEFAULTS : root.relativize(scenarioFile.toAbsolutePath()).toString();
        String command = "./run-local simulate" + (scenarioFile == null ? "" : " " + source)
                + (days == null ? "" : " --days " + days) + (hours == null ? "" : " --hours " + hours)
                + (scale == null ? "" : " --scale " + Outcome.trim(scale)) + (sweep ? " --sweep" : "")
                + (parallel > 1 ? " --parallel " + parallel : "") + " --out " + out.getFileName();
        Path report = Report.write(out, scenario, runs, levers, source, command);
        console.println("report: " + report);
        boolean passed = true;
        for (Outcome outcome : concat(runs, levers)) {
            for (String problem : concat(outcome.violations(), outcome.errors())) {
                console.println("FAILED " + outcome.label() + ": " + problem);
                passed = false;
            }
        }
        return passed ? 0 : 1;
    }

    private static Outcome announce(Outcome outcome, PrintStream console) {
        StringBuilder lines = new StringBuilder();
        lines.append(String.format(Locale.ROOT, "%-40s %5d requests  respond %s  reply %s  resolve %s  "
                        + "invariants %s  %.1f s for %.2f simulated days",
                outcome.label(), outcome.submitted(), Report.percent(outcome.overall().get(diandan.domain.SlaClock.RESPOND)),
                Report.percent(outcome.overall().get(diandan.domain.SlaClock.REPLY)),
                Report.percent(outcome.overall().get(diandan.domain.SlaClock.RESOLVE)),
                outcome.violations().isEmpty() ? "hold" : outcome.violations().size() + " VIOLATED",
                outcome.wallSeconds(), outcome.simulatedDays())).append('\n');
        outcome.nanosByFunction().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(6).forEach(e -> lines.append(String.format(Locale.ROOT, "    %-45s %7.1f s%n", e.getKey(),
                        e.getValue() / 1e9)));
        console.print(lines);
        return outcome;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
