package diandan.bench;

import java.util.List;
import java.util.Map;

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

    private Targets() {
    }

    static void write(Markdown report, Map<String, ColdStarts.Figures> cold, List<ColdStarts.PrimedRoute> primed,
                      RequestLife.Result life, SweepScaling.Result sweep, SlaReportScale.Result sla) {
        report.heading(2, "Targets").paragraph("Checked against this run (details in the sections below).");
        Markdown.Table table = report.table("target", "holds", "this run");
        coldStartRows(table, cold, primed);
        StoreProbe.Reading total = life.total();
        double stateChanges = life.steps().subList(0, RequestLife.STATE_CHANGES).stream()
                .mapToDouble(s -> s.cost().writeUnits()).sum();
        List<RequestLife.Step> changes = life.steps().subList(0, RequestLife.STATE_CHANGES);
        long largest = changes.stream().mapToLong(RequestLife.Step::itemBytes).max().orElse(0);
        table.row("a whole request life within " + LIFE_WRITE_UNITS + " write units as billed, indexes included; each "
                        + "state change one write of the request item", total.writeUnits() <= LIFE_WRITE_UNITS ? "yes" : "**no**",
                Markdown.number(total.writeUnits(), 0) + " WCU; the request's " + RequestLife.STATE_CHANGES
                        + " state changes " + Markdown.number(stateChanges, 0) + " WCU, each one item write of "
                        + changes.stream().mapToLong(RequestLife.Step::itemBytes).min().orElse(0) + "–" + largest + " bytes"
                        + (largest > 1024 ? " (over 1 KB, the rating's write bills 2 units a copy)" : "")
                        + " billed on the table and the 5 indexes it is in, plus the team's load");
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
        table.row("sweep reads proportional to the due requests, flat across table sizes", flat ? "yes" : "**no**",
                reads + ", and the watermark");
        SlaReportScale.Reads year = sla.figures().get(2).then();
        StringBuilder slaReads = new StringBuilder();
        for (SlaReportScale.Figures f : sla.figures()) {
            slaReads.append(slaReads.isEmpty() ? "" : "; ").append(f.period().name()).append(": ")
                    .append(f.then().months()).append(" month items, ").append(f.then().days()).append(" day items, ")
                    .append(f.then().requests()).append(" requests");
        }
        table.row("SLA report: items read independent of the requests once summarized (a year of a province-sized "
                        + "district: its 12 months)", year.months() == 12 && year.days() == 0 && year.requests() == 0
                        ? "yes" : "**no**", slaReads + " (section 6)");
        table.end();
    }

    /** The cold-start targets alone (a run of some functions' cold starts). */
    static void writeColdStarts(Markdown report, Map<String, ColdStarts.Figures> cold,
                                List<ColdStarts.PrimedRoute> primed) {
        report.heading(2, "Targets").paragraph("Checked against this run (details in the sections below).");
        Markdown.Table table = report.table("target", "holds", "this run");
        coldStartRows(table, cold, primed);
        table.end();
    }

    private static void coldStartRows(Markdown.Table table, Map<String, ColdStarts.Figures> cold,
                                      List<ColdStarts.PrimedRoute> primed) {
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
                classesHold ? "yes" : "**no**", "× baseline: " + classes);
        table.row("cold start (JVM start to first answer) ≤ " + COLD_START_RATIO + "× the baseline, every function",
                timesHold ? "yes" : "**no**", "× baseline (median, the template's JVM options): " + times);
        List<ColdStarts.PrimedRoute> over = primed.stream().filter(r -> !r.holds()).toList();
        Template template = Template.load();
        int served = template.routes().size() + template.schedules().size() + template.busRules().size();
        table.row("after SnapStart priming, the first event of every route (writes included) loads ≤ "
                        + CLASSES_AFTER_PRIMING + " classes", over.isEmpty() && primed.size() == served ? "yes" : "**no**",
                primed.size() + " of the template's " + served + " routes, schedules and bus rules measured, at most " + primed.stream().mapToInt(ColdStarts.PrimedRoute::classes)
                        .max().orElse(0) + " classes" + (over.isEmpty() ? "" : "; over: " + over.stream()
                        .map(r -> "`" + r.key() + "` " + r.classes()).reduce((a, b) -> a + ", " + b).orElse("")));
    }
}
