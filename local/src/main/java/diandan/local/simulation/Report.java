package diandan.local.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import diandan.domain.SlaClock;

/**
 * The markdown report of a run or a sweep, with its charts written beside it in {@code simulation/}:
 * promise-keeping against demand, the queue over the day, the teams that saturate first.
 */
final class Report {
    /** A promise counts as kept while at least this share of its clocks stop in time. */
    static final double KEPT = 0.9;
    static final String CHARTS = "simulation";

    private Report() {
    }

    static String percent(Outcome.Kept kept) {
        return kept == null || Double.isNaN(kept.share()) ? "–" : String.format(Locale.ROOT, "%.0f%%", kept.share() * 100);
    }

    static Path write(Path out, Scenario scenario, List<Outcome> runs, List<Outcome> levers, String source,
                      String command)
            throws IOException {
        Path charts = out.resolve(CHARTS);
        Files.createDirectories(charts);
        Outcome first = runs.get(0);
        Outcome last = runs.get(runs.size() - 1);
        StringBuilder md = new StringBuilder();
        md.append("# Simulation: a district's day, and where the promise breaks\n\n");
        md.append("`./run-local simulate [SCENARIO.json] [--days N | --hours H] [--scale K] [--sweep] [--parallel P] [--out DIR]` runs the real "
                + "handlers of every function in template.yaml, each built by its seam constructor on a throwaway "
                + "in-memory dynalite table and a virtual clock, over the demo district's registry (")
                .append(first.capacities().size()).append(" active teams, their areas, categories and capacities) and "
                + "its service calendars. A discrete-event loop submits the day's requests through `POST /requests`, "
                + "plays the teams (accept or decline, reply, start, resolve, record hours), the dispatcher (the "
                + "waiting queue, by hand) and the certifiers through their routes, and fires every schedule of the "
                + "template at its virtual times (the escalation sweep and its warnings each minute, load "
                + "reconciliation, the hours rollup, the notifier, retention). A run is reproducible from its seed; "
                + "at its end the invariants below are checked and a violation fails the command (exit 1). "
                + "Without `--out` the report goes to `target/simulation/`; `--hours` runs that many hours instead of whole days; `--parallel` runs a sweep's runs side by side.\n\n");
        md.append("This report: `").append(command).append("` (scenario `").append(source)
                .append("`, seed ").append(scenario.seed()).append(String.format(Locale.ROOT, ", %.2f simulated days from ",
                        first.simulatedDays())).append(scenario.start()).append(", Beijing time).\n\n");

        md.append("## Scenario file\n\n");
        md.append("JSON; a file names only what it changes, the rest comes from `").append(Scenario.DEFAULTS)
                .append("`:\n\n");
        md.append("""
                | field | default | meaning |
                |---|---|---|
                | `seed` | 2026 | the random seed: the demand is drawn from it up front, the behaviour in event order |
                | `start`, `days`, `scale` | 2026-12-01, 1, 1 | first Beijing day, days simulated, demand multiplier (`--days`, `--scale` override) |
                | `registry`, `calendars` | `local/demo/registry.json`; weicheng's and sanpu's 2026 calendars | the district, loaded as the seed loads it |
                | `demand.requestsPerDay` | 0 | requests a day at 1x; 0: derived from `demand.basis` (below) |
                | `demand.basis` | 1,000,000 h since 2021-01-01, 40% from requests | the seed's figures the 1x day is derived from |
                | `demand.hourly` | 24 weights, peaks 09–11 and 14–16 | the shape of a day (Beijing hours); arrivals are Poisson per hour |
                | `demand.categories`, `.communities`, `.channels` | elderly care 30%, repairs 15%…; the 12 communities alike; mini program 50%, hotline 20%, app 15%, wish wall 10%, walk-in 5% | the mix (weights); hotline and walk-in are submitted by an operator |
                | `teams.duty` | `07:30-21:30` | when team leaders look at the desk (a request dispatched outside waits for the next opening) |
                | `teams.acceptMinutes` | median 5, p90 12 | from dispatch (within duty) to the leader's look: accept or decline (log-normal) |
                | `teams.declineShare` | 0.08 | share of looks that decline (routing then finds another team) |
                | `teams.replyMinutes` | median 6, p90 14 | from acceptance to the first reply |
                | `teams.resolveMinutes` | median 150, p90 600 | from acceptance to start and resolution (moved into duty) |
                | `teams.wishClaimMinutes` | median 240, p90 900 | until an eligible team claims a wish (tried again when none may) |
                | `teams.volunteersPerRequest`, `.hoursPerVolunteer` | 1–3; median 2 h, p90 3.5 h | the hours recorded 30 min after resolution (whole half hours) |
                | `dispatcher` | every 15 min, `08:30-18:00` | rounds of the waiting queue: each sent to the candidate team with most room, over capacity with a reason if need be, else to a team of its street or district |
                | `certification.afterMinutes` | median 120, p90 480 | from recording to certification of each record |
                | `levers` | capacity ×1, no twins, no clocks | `capacityFactor` (every team's capacity ×), `twinTeams` (each community's and street's team gets a twin), `clocks` `{respondMinutes, replyMinutes, resolveMinutes}` set on every channel by `PUT /clock-policy/channels/{channel}` |

                """);
        md.append("**1x, derived.** ").append(scenario.derivation()).append(". The 245 projects of the menu and "
                + "the activities account for the other hours; they put no request on the desk's clocks.\n\n");

        md.append("## Speed\n\n");
        Outcome one = runs.stream().filter(o -> o.scale() == 1).findFirst().orElse(first);
        md.append(String.format(Locale.ROOT, "The 1x run (%.2f simulated days, %d requests) took **%.0f s** of wall "
                + "time on this 2-core machine, %.0f s of it in the schedules' ticks (%,d of them: "
                + "the sweep's 1,440 a day dominate). ", one.simulatedDays(), one.submitted(), one.wallSeconds(),
                tickSeconds(one),
                one.ticks().values().stream().mapToInt(Integer::intValue).sum()));
        md.append("Almost all of it is the schedules' cadence, not the demand: a 10x day costs little more than a 1x "
                + "day. The runs (with `--parallel`, that many side by side, each slower for it):\n\n"
                + "| run | requests | wall time |\n|---|---:|---:|\n");
        for (Outcome o : all(runs, levers)) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f s |%n", o.label(), o.submitted(), o.wallSeconds()));
        }
        md.append('\n');

        md.append("## Promise-keeping against demand\n\n");
        md.append("Share of the clocks that ran out or stopped within the run that stopped in time (clocks still "
                + "running before their deadline at the end are left out).\n\n");
        md.append("![promise-keeping against demand](" + CHARTS + "/promise-keeping.svg)\n\n");
        md.append(sweepTable(all(runs, levers)));
        md.append('\n').append(breaks(runs)).append('\n');
        if (!levers.isEmpty()) {
            md.append("## Levers at ").append(Outcome.trim(last.scale())).append("x\n\n");
            md.append(leverText(last, levers)).append('\n');
        }

        md.append("## Queue over the day\n\n");
        md.append("Unrouted requests waiting for the dispatcher, and requests with teams (dispatched, accepted, in "
                + "service), sampled every 10 minutes (Beijing time).\n\n");
        md.append("![queue over the day](" + CHARTS + "/queue.svg)\n\n![open with teams](" + CHARTS + "/with-teams.svg)\n\n");

        md.append("## Teams that saturate first (").append(Outcome.trim(last.scale())).append("x)\n\n");
        md.append("Highest open/capacity reached by each team (red: at or over capacity), and when it first was.\n\n");
        md.append("![teams saturating](" + CHARTS + "/saturation.svg)\n\n");
        md.append(utilisation(runs));

        md.append("## By street, category and team\n\n");
        md.append(breakdown("street", runs, Outcome::byStreet));
        md.append(breakdown("category", runs, Outcome::byCategory));
        md.append(teamTable(last));

        md.append("## Escalations, statuses and hours\n\n");
        md.append(facts(all(runs, levers)));

        md.append("## Invariants\n\n");
        md.append("""
                Checked at the end of every run, from the store, recomputed without the code that keeps them:

                - **loads**: each team's load (`openCount` and the ids it counts) equals its open requests (dispatched, accepted, in service);
                - **tallies**: every tally a certified record counts in (six scopes, the rankings, three periods) equals the sum recomputed from the certified records;
                - **escalations**: a clock missed by more than the sweep's slack (2 min: the sweep runs each minute) is escalated, each clock at most once, none before its deadline, none that stopped in time;
                - **nothing lost**: every submitted request and hours record is found; a request with a team names it; an unrouted one is in the dispatchers' queue;
                - and no handler answered 5xx or failed a tick.

                """);
        md.append("| run | result |\n|---|---|\n");
        for (Outcome o : all(runs, levers)) {
            md.append("| ").append(o.label()).append(" | ").append(o.passed() ? "all hold"
                    : String.join("; ", all(o.violations(), o.errors()))).append(" |\n");
        }
        Files.writeString(out.resolve("simulation.md"), md.toString());
        writeCharts(charts, runs);
        return out.resolve("simulation.md");
    }

    private static double tickSeconds(Outcome o) {
        return o.nanosByFunction().entrySet().stream().filter(e -> e.getKey().endsWith(" tick"))
                .mapToLong(Map.Entry::getValue).sum() / 1e9;
    }

    private static String sweepTable(List<Outcome> outcomes) {
        StringBuilder t = new StringBuilder("| run | requests/day | submitted | respond | reply | resolve | escalations "
                + "L1/L2/L3 | peak unrouted | peak teams at capacity | certified hours |\n"
                + "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (Outcome o : outcomes) {
            t.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %s | %s | %s | %d / %d / %d | %d | %d | %.1f |%n",
                    o.label(), o.requestsPerDay(), o.submitted(), percent(o.overall().get(SlaClock.RESPOND)),
                    percent(o.overall().get(SlaClock.REPLY)), percent(o.overall().get(SlaClock.RESOLVE)),
                    o.escalationsByLevel().getOrDefault(1, 0), o.escalationsByLevel().getOrDefault(2, 0),
                    o.escalationsByLevel().getOrDefault(3, 0),
                    o.samples().stream().mapToInt(Simulation.Sample::unrouted).max().orElse(0),
                    o.samples().stream().mapToInt(Simulation.Sample::teamsAtCapacity).max().orElse(0),
                    o.certifiedHours()));
        }
        return t.toString();
    }

    /** Where each promise first falls below {@link #KEPT}. */
    private static String breaks(List<Outcome> runs) {
        StringBuilder text = new StringBuilder();
        for (SlaClock clock : SlaClock.values()) {
            Outcome broken = runs.stream().filter(o -> share(o, clock) < KEPT).findFirst().orElse(null);
            text.append("- **").append(clock.code()).append("**: ");
            if (broken == null) {
                text.append("kept by at least ").append((int) (KEPT * 100)).append("% up to ")
                        .append(Outcome.trim(runs.get(runs.size() - 1).scale())).append("x.\n");
            } else {
                text.append("breaks at ").append(Outcome.trim(broken.scale())).append("x (")
                        .append(percent(broken.overall().get(clock))).append(" kept)")
                        .append(worst(broken, clock)).append(".\n");
            }
        }
        return text.toString();
    }

    private static String worst(Outcome o, SlaClock clock) {
        String street = o.byStreet().entrySet().stream().filter(e -> e.getValue().get(clock) != null
                        && !Double.isNaN(e.getValue().get(clock).share()))
                .min(Comparator.comparingDouble(e -> e.getValue().get(clock).share()))
                .map(e -> "; first in " + e.getKey() + " (" + percent(e.getValue().get(clock)) + ")").orElse("");
        String category = o.byCategory().entrySet().stream().filter(e -> e.getValue().get(clock) != null
                        && !Double.isNaN(e.getValue().get(clock).share()))
                .min(Comparator.comparingDouble(e -> e.getValue().get(clock).share()))
                .map(e -> ", for " + e.getKey() + " (" + percent(e.getValue().get(clock)) + ")").orElse("");
        return street + category;
    }

    private static double share(Outcome o, SlaClock clock) {
        Outcome.Kept kept = o.overall().get(clock);
        return kept == null || Double.isNaN(kept.share()) ? 1 : kept.share();
    }

    private static String leverText(Outcome base, List<Outcome> levers) {
        StringBuilder text = new StringBuilder("Each lever pulled alone on the ").append(Outcome.trim(base.scale()))
                .append("x day, against the same demand (same seed):\n\n");
        for (SlaClock clock : SlaClock.values()) {
            text.append("- **").append(clock.code()).append("** (").append(percent(base.overall().get(clock)))
                    .append(" without a lever): ");
            List<String> parts = new ArrayList<>();
            for (Outcome lever : levers) {
                double delta = share(lever, clock) - share(base, clock);
                parts.add(lever.label().substring(lever.label().indexOf(' ') + 1) + " → "
                        + percent(lever.overall().get(clock)) + (share(lever, clock) >= KEPT ? " (restored)" : "")
                        + String.format(Locale.ROOT, " (%+.0f points)", delta * 100));
            }
            text.append(String.join("; ", parts)).append(".\n");
        }
        return text.toString();
    }

    private static String utilisation(List<Outcome> runs) {
        StringBuilder t = new StringBuilder("| run | teams ever at capacity | first at capacity | mean of teams' peak "
                + "open/capacity |\n|---|---:|---|---:|\n");
        for (Outcome o : runs) {
            String first = o.firstFull().entrySet().stream().min(Map.Entry.comparingByValue())
                    .map(e -> e.getKey() + " at " + clockTime(e.getValue())).orElse("–");
            t.append(String.format(Locale.ROOT, "| %s | %d of %d | %s | %.2f |%n", o.label(), o.firstFull().size(),
                    o.capacities().size(), first, o.peakUtilisation().values().stream().mapToDouble(Double::doubleValue)
                            .average().orElse(0)));
        }
        return t.append('\n').toString();
    }

    private static String breakdown(String what, List<Outcome> runs,
                                    java.util.function.Function<Outcome, Map<String, Map<SlaClock, Outcome.Kept>>> of) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(o -> keys.addAll(of.apply(o).keySet()));
        StringBuilder t = new StringBuilder("Respond / reply / resolve kept, by " + what + ":\n\n| " + what + " |");
        runs.forEach(o -> t.append(' ').append(o.label()).append(" |"));
        t.append("\n|---|");
        runs.forEach(o -> t.append("---|"));
        t.append('\n');
        for (String key : keys.stream().sorted().toList()) {
            t.append("| ").append(key).append(" |");
            for (Outcome o : runs) {
                Map<SlaClock, Outcome.Kept> kept = of.apply(o).get(key);
                t.append(' ').append(kept == null ? "–" : percent(kept.get(SlaClock.RESPOND)) + " / "
                        + percent(kept.get(SlaClock.REPLY)) + " / " + percent(kept.get(SlaClock.RESOLVE))).append(" |");
            }
            t.append('\n');
        }
        return t.append('\n').toString();
    }

    private static String teamTable(Outcome o) {
        StringBuilder t = new StringBuilder("The 12 teams keeping respond least at " + o.label()
                + " (the team holding the request at the end; `(no team)`: unrouted):\n\n"
                + "| team | capacity | peak open/capacity | respond | reply | resolve |\n|---|---:|---:|---:|---:|---:|\n");
        o.byTeam().entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Map<SlaClock, Outcome.Kept>> e) ->
                        e.getValue().get(SlaClock.RESPOND) == null ? 1 : nan1(e.getValue().get(SlaClock.RESPOND).share()))
                        .thenComparing(Map.Entry::getKey))
                .limit(12).forEach(e -> t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n",
                        e.getKey(), o.capacities().containsKey(e.getKey()) ? o.capacities().get(e.getKey()).toString() : "–",
                        o.peakUtilisation().containsKey(e.getKey())
                                ? String.format(Locale.ROOT, "%.2f", o.peakUtilisation().get(e.getKey())) : "–",
                        percent(e.getValue().get(SlaClock.RESPOND)), percent(e.getValue().get(SlaClock.REPLY)),
                        percent(e.getValue().get(SlaClock.RESOLVE)))));
        return t.append('\n').toString();
    }

    private static double nan1(double value) {
        return Double.isNaN(value) ? 1 : value;
    }

    private static String facts(List<Outcome> outcomes) {
        StringBuilder t = new StringBuilder("| run | escalations by level | statuses at the end | hours records "
                + "(certified) | certified hours | tally of district weicheng (all time) | refused calls |\n"
                + "|---|---|---|---:|---:|---:|---:|\n");
        for (Outcome o : outcomes) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %d (%d) | %.1f | %.1f | %d |%n", o.label(),
                    o.escalationsByLevel(), o.byStatus(), o.hoursRecords(), o.certifiedRecords(), o.certifiedHours(),
                    o.districtTallyHours(), o.answers().entrySet().stream()
                            .filter(e -> e.getKey().matches(".* 4\\d\\d")).mapToInt(Map.Entry::getValue).sum()));
        }
        t.append("\nLevel 1 is a missed respond (the community station; the silent team is left behind), 2 a missed "
                + "reply (the street institute), 3 a missed resolve (the district centre). The tally is weicheng's alone: the "
                + "streets chenyangzhai and xilanlu lie in the district qindu. Refused calls are 4xx "
                + "answers to the simulated people (a claim raced by another team, a decline of a request already "
                + "re-routed...), by route in the run's console output.\n\n");
        return t.toString();
    }

    private static void writeCharts(Path charts, List<Outcome> runs) throws IOException {
        double[] xs = runs.stream().mapToDouble(Outcome::scale).toArray();
        String[] labels = runs.stream().map(o -> Outcome.trim(o.scale()) + "x").toArray(String[]::new);
        List<Svg.Series> promise = new ArrayList<>();
        int c = 0;
        for (SlaClock clock : SlaClock.values()) {
            promise.add(new Svg.Series(clock.code(), Svg.COLOURS[c++], xs,
                    runs.stream().mapToDouble(o -> share(o, clock) * 100).toArray()));
        }
        promise.add(new Svg.Series("90% line", "#999", new double[] {xs[0], xs[xs.length - 1]}, new double[] {90, 90}));
        boolean log = xs.length > 1 && xs[0] > 0;
        Files.writeString(charts.resolve("promise-keeping.svg"), Svg.lines("Promise kept against demand",
                "demand (× the seed district's day)", "% of clocks stopped in time", 100, promise, xs, labels, log));

        Instant start = runs.get(0).samples().get(0).at();
        List<Svg.Series> queue = new ArrayList<>();
        List<Svg.Series> withTeams = new ArrayList<>();
        double maxQueue = 1;
        double maxWith = 1;
        for (int i = 0; i < runs.size(); i++) {
            Outcome o = runs.get(i);
            double[] hours = o.samples().stream().mapToDouble(s -> Duration.between(start, s.at()).toMinutes() / 60.0).toArray();
            double[] unrouted = o.samples().stream().mapToDouble(Simulation.Sample::unrouted).toArray();
            double[] with = o.samples().stream().mapToDouble(Simulation.Sample::withTeams).toArray();
            maxQueue = Math.max(maxQueue, java.util.Arrays.stream(unrouted).max().orElse(0));
            maxWith = Math.max(maxWith, java.util.Arrays.stream(with).max().orElse(0));
            queue.add(new Svg.Series(o.label(), Svg.COLOURS[i % Svg.COLOURS.length], hours, unrouted));
            withTeams.add(new Svg.Series(o.label(), Svg.COLOURS[i % Svg.COLOURS.length], hours, with));
        }
        double span = runs.get(0).simulatedDays() * 24;
        int step = span > 48 ? 24 : span > 12 ? 3 : 1;
        List<Double> ticks = new ArrayList<>();
        for (double h = 0; h <= span + 1e-9; h += step) {
            ticks.add(h);
        }
        double[] tickXs = ticks.stream().mapToDouble(Double::doubleValue).toArray();
        int firstHour = ZonedDateTime.ofInstant(start, Simulation.BEIJING).getHour();
        String[] tickLabels = ticks.stream().map(h -> String.format(Locale.ROOT, "%02d:00", (firstHour + h.intValue()) % 24))
                .toArray(String[]::new);
        Files.writeString(charts.resolve("queue.svg"), Svg.lines("Unrouted requests waiting for the dispatcher",
                "Beijing time", "requests", niceMax(maxQueue), queue, tickXs, tickLabels, false));
        Files.writeString(charts.resolve("with-teams.svg"), Svg.lines("Requests open with teams",
                "Beijing time", "requests", niceMax(maxWith), withTeams, tickXs, tickLabels, false));

        Outcome last = runs.get(runs.size() - 1);
        List<Map.Entry<String, Double>> top = last.peakUtilisation().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(15).toList();
        List<String> names = top.stream().map(Map.Entry::getKey).toList();
        double[] values = top.stream().mapToDouble(Map.Entry::getValue).toArray();
        List<String> notes = top.stream().map(e -> String.format(Locale.ROOT, "%.2f of %d%s", e.getValue(),
                last.capacities().get(e.getKey()), last.firstFull().containsKey(e.getKey())
                        ? ", full at " + clockTime(last.firstFull().get(e.getKey())) : "")).toList();
        double max = Math.max(1.5, java.util.Arrays.stream(values).max().orElse(1));
        Files.writeString(charts.resolve("saturation.svg"), Svg.bars("Teams' peak open / capacity at " + last.label(),
                names, values, notes, max, 1, "capacity"));
    }

    private static double niceMax(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 4, 5, 10}) {
            if (m * magnitude >= value) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String clockTime(Instant at) {
        ZonedDateTime local = ZonedDateTime.ofInstant(at, Simulation.BEIJING);
        return String.format(Locale.ROOT, "%02d:%02d", local.getHour(), local.getMinute());
    }

    private static <T> List<T> all(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
