package diandan.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import diandan.devkit.StoreProbe;
import diandan.devkit.Template;

/** The performance targets, each checked against this run's numbers: which hold, and by how much. */
final class Targets {
    static final double COLD_START_RATIO = 1.15;
    /** After SnapStart priming, the first event of a route may load at most this many classes. */
    static final int CLASSES_AFTER_PRIMING = 50;
    /**
     * A whole request life may bill at most this many write units: 140 until the district due index (9 a life)
     * made a desk's deadlines ahead read its own district alone (docs/scale.md).
     */
    static final int LIFE_WRITE_UNITS = 145;
    /** The submission, allowed one round trip more than every other state change. */
    static final String SUBMISSION = "POST /requests";
    /** DynamoDB calls one after another (about 5 ms each in a region) a submission may make. */
    static final int SUBMISSION_ROUND_TRIPS = 3;
    /** DynamoDB calls one after another every other state change may make. */
    static final int STATE_CHANGE_ROUND_TRIPS = 2;
    /** The hours rollup's write units for a record tallied alone, before halving them was the target. */
    static final double ROLLUP_ALONE_BEFORE = 65;
    /** The hours rollup's write units per record in a batch of {@link RequestLife#BATCH}, before halving. */
    static final double ROLLUP_PER_RECORD_BEFORE = 37.6;

    private Targets() {
    }

    static void write(Markdown report, Map<String, ColdStarts.Figures> cold, List<ColdStarts.PrimedRoute> primed,
                      List<WarmRoutes.Result> warm, RequestLife.Result life, SweepScaling.Result sweep,
                      SlaReportScale.Result sla) {
        Markdown.Table table = coldStartTable(report, cold, primed);
        roundTripRows(table, RoundTrips.of(warm));
        StoreProbe.Reading total = life.total();
        double stateChanges = life.steps().subList(0, RequestLife.STATE_CHANGES).stream()
                .mapToDouble(s -> s.cost().writeUnits()).sum();
        List<RequestLife.Step> changes = life.steps().subList(0, RequestLife.STATE_CHANGES);
        long largest = changes.stream().mapToLong(RequestLife.Step::itemBytes).max().orElse(0);
        table.row("a whole request life within " + LIFE_WRITE_UNITS + " write units as billed, indexes included; each "
                        + "state change one write of the request item", Markdown.holds(total.writeUnits() <= LIFE_WRITE_UNITS),
                Markdown.number(total.writeUnits(), 0) + " WCU; the request's " + RequestLife.STATE_CHANGES
                        + " state changes " + Markdown.number(stateChanges, 0) + " WCU, each one item write of "
                        + changes.stream().mapToLong(RequestLife.Step::itemBytes).min().orElse(0) + "–" + largest + " bytes"
                        + (largest > 1024 ? " (over 1 KB, the rating's write bills 2 units a copy)" : "")
                        + " billed on the table and the 5 indexes it is in, plus the team's load");
        rollupRow(table, life.rollupAlone(), life.rollupPerRecord());
        StringBuilder reads = new StringBuilder();
        boolean flat = true;
        for (SweepScaling.Sweep s : sweep.counted()) {
            int own = s.summary().path("entriesRead").asInt() + s.summary().path("requestsRead").asInt();
            flat &= own == 2 * s.escalated();
            reads.append(reads.isEmpty() ? "" : "; ").append(Markdown.number(s.tableSize(), 0)).append(" requests: ")
                    .append(s.escalated()).append(" due, ").append(own).append(" items read by the sweep in ")
                    .append(s.summary().path("bucketsRead").asInt()).append(" index queries (")
                    .append(Markdown.number(s.cost().itemsRead(), 0)).append(" with re-routing's reads of team loads)");
        }
        table.row("sweep reads proportional to the due requests, flat across table sizes", Markdown.holds(flat),
                reads + ", and the watermark");
        SlaReportScale.Reads year = sla.figures().get(2).then();
        StringBuilder slaReads = new StringBuilder();
        for (SlaReportScale.Figures f : sla.figures()) {
            slaReads.append(slaReads.isEmpty() ? "" : "; ").append(f.period().name()).append(": ")
                    .append(f.then().months()).append(" month items, ").append(f.then().days()).append(" day items, ")
                    .append(f.then().requests()).append(" requests");
        }
        table.row("SLA report: items read independent of the requests once summarized (a year of a province-sized "
                        + "district: its 12 months)", Markdown.holds(year.months() == 12 && year.days() == 0
                        && year.requests() == 0), slaReads + " (section 6)");
        table.end();
    }

    /** The cold-start targets alone (a run of some functions' cold starts). */
    static void writeColdStarts(Markdown report, Map<String, ColdStarts.Figures> cold,
                                List<ColdStarts.PrimedRoute> primed) {
        coldStartTable(report, cold, primed).end();
    }

    /** How many DynamoDB calls one after another the route may make: a submission's allowance, or a state change's. */
    static int roundTripsAllowed(String routeKey) {
        return routeKey.equals(SUBMISSION) ? SUBMISSION_ROUND_TRIPS : STATE_CHANGE_ROUND_TRIPS;
    }

    /** Whether the key (a route, schedule or bus rule) is one whose round trips have a target: a route that is not a read. */
    static boolean changesState(String key) {
        return Scenarios.isRoute(key) && !key.startsWith("GET ");
    }

    /** The section's heading and table, its rows on cold starts written: both runs' targets begin with them. */
    private static Markdown.Table coldStartTable(Markdown report, Map<String, ColdStarts.Figures> cold,
                                                 List<ColdStarts.PrimedRoute> primed) {
        report.heading(2, "Targets").paragraph("Checked against this run (details in the sections below).");
        Markdown.Table table = report.table("target", "holds", "this run");
        ColdStarts.Figures baseline = cold.get(ColdStarts.URL_BASELINE);
        StringBuilder classes = new StringBuilder();
        StringBuilder times = new StringBuilder();
        boolean classesHold = true;
        boolean timesHold = true;
        for (Map.Entry<String, ColdStarts.Figures> function : cold.entrySet()) {
            if (function.getKey().startsWith("Baseline")) {
                continue;
            }
            double classRatio = function.getValue().classes() / baseline.classes();
            double timeRatio = function.getValue().wallMs() / baseline.wallMs();
            classesHold &= classRatio <= COLD_START_RATIO;
            timesHold &= timeRatio <= COLD_START_RATIO;
            classes.append(classes.isEmpty() ? "" : ", ").append(function.getKey()).append(' ')
                    .append(Markdown.ratio(classRatio, 1));
            times.append(times.isEmpty() ? "" : ", ").append(function.getKey()).append(' ')
                    .append(Markdown.ratio(timeRatio, 1));
        }
        table.row("classes loaded by the first answer ≤ " + COLD_START_RATIO + "× the one-GetItem baseline, every function",
                Markdown.holds(classesHold), "× baseline: " + classes);
        table.row("cold start (JVM start to first answer) ≤ " + COLD_START_RATIO + "× the baseline, every function",
                Markdown.holds(timesHold), "× baseline (median, the template's JVM options): " + times);
        List<ColdStarts.PrimedRoute> over = primed.stream().filter(r -> !r.holds()).toList();
        Template template = Template.load();
        int served = template.routes().size() + template.schedules().size() + template.busRules().size();
        table.row("after SnapStart priming, the first event of every route (writes included) loads ≤ "
                        + CLASSES_AFTER_PRIMING + " classes", Markdown.holds(over.isEmpty() && primed.size() == served),
                primed.size() + " of the template's " + served + " routes, schedules and bus rules measured, at most " + primed.stream().mapToInt(ColdStarts.PrimedRoute::classes)
                        .max().orElse(0) + " classes" + (over.isEmpty() ? "" : "; over: " + over.stream()
                        .map(r -> "`" + r.key() + "` " + r.classes()).reduce((a, b) -> a + ", " + b).orElse("")));
        return table;
    }

    /**
     * The submission's round trips, and every other state change's: held warm and on a container's first event
     * ("warm only" when a first event, its caches empty, is over), the routes over named.
     */
    static void roundTripRows(Markdown.Table table, List<RoundTrips.Route> routes) {
        for (RoundTrips.Route submission : routes.stream().filter(r -> r.key().equals(SUBMISSION)).toList()) {
            table.row("round trips: a submission (`" + SUBMISSION + "`) makes ≤ " + SUBMISSION_ROUND_TRIPS
                            + " DynamoDB calls one after another", roundTripsHeld(List.of(submission)),
                    Markdown.number(submission.warm(), 1) + " warm, " + submission.firstEvent()
                            + " on a container's first event (section 7)");
        }
        List<RoundTrips.Route> others = routes.stream().filter(r -> !r.key().equals(SUBMISSION)).toList();
        List<RoundTrips.Route> over = others.stream().filter(r -> !r.holdsWarm()).toList();
        List<RoundTrips.Route> overFirst = others.stream().filter(r -> r.holdsWarm() && !r.holdsOnAFirstEvent()).toList();
        String measured = others.size() + " routes measured";
        if (over.isEmpty() && overFirst.isEmpty()) {
            measured += ", at most " + Markdown.number(others.stream().mapToDouble(RoundTrips.Route::warm).max()
                    .orElse(0), 1) + " warm and " + others.stream().mapToInt(RoundTrips.Route::firstEvent).max()
                    .orElse(0) + " on a container's first event";
        }
        if (!over.isEmpty()) {
            measured += "; over: " + over.stream().map(r -> "`" + r.key() + "` " + Markdown.number(r.warm(), 1)
                    + " (first event " + r.firstEvent() + ")").collect(Collectors.joining(", "));
        }
        if (!overFirst.isEmpty()) {
            measured += "; over on a container's first event only: " + overFirst.stream()
                    .map(r -> "`" + r.key() + "` " + r.firstEvent()).collect(Collectors.joining(", "));
        }
        table.row("round trips: every other state change makes ≤ " + STATE_CHANGE_ROUND_TRIPS, roundTripsHeld(others),
                measured + " (section 7)");
    }

    private static String roundTripsHeld(List<RoundTrips.Route> routes) {
        if (!routes.stream().allMatch(RoundTrips.Route::holdsWarm)) {
            return Markdown.holds(false);
        }
        return routes.stream().allMatch(RoundTrips.Route::holdsOnAFirstEvent) ? Markdown.holds(true) : "warm only";
    }

    /** The rollup's write units halved, for a record alone and for a record of a batch: both, or not held. */
    static void rollupRow(Markdown.Table table, double alone, double perRecordInBatch) {
        table.row("the hours rollup's write units halved: a lone record ≤ " + Markdown.number(ROLLUP_ALONE_BEFORE / 2, 1)
                        + " (was " + Markdown.number(ROLLUP_ALONE_BEFORE, 0) + "), a record of a batch of "
                        + RequestLife.BATCH + " ≤ " + Markdown.number(ROLLUP_PER_RECORD_BEFORE / 2, 1) + " (was "
                        + Markdown.number(ROLLUP_PER_RECORD_BEFORE, 1) + ")",
                Markdown.holds(alone <= ROLLUP_ALONE_BEFORE / 2 && perRecordInBatch <= ROLLUP_PER_RECORD_BEFORE / 2),
                "a lone record " + Markdown.number(alone, 0) + " WCU (" + percent(alone, ROLLUP_ALONE_BEFORE)
                        + " of " + Markdown.number(ROLLUP_ALONE_BEFORE, 0) + "), a record of a batch of "
                        + RequestLife.BATCH + " " + Markdown.number(perRecordInBatch, 1) + " WCU ("
                        + percent(perRecordInBatch, ROLLUP_PER_RECORD_BEFORE) + " of "
                        + Markdown.number(ROLLUP_PER_RECORD_BEFORE, 1) + ") (section 3)");
    }

    private static String percent(double now, double before) {
        return Markdown.number(100 * now / before, 0) + "%";
    }
}
