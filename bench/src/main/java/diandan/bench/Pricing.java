package diandan.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import diandan.devkit.StoreProbe;
import diandan.devkit.Template;

/**
 * Section 5: what a request life costs on Lambda at each memory size and architecture, from the CPU its steps
 * used here and the DynamoDB calls they made, and what its capacity costs beside it. The model and its
 * assumptions are written into the report with the numbers.
 */
final class Pricing {
    /** Lambda's list prices (us-east-1): per GB-second of duration, and per request. */
    static final double X86_PER_GB_SECOND = 0.0000166667;
    static final double ARM_PER_GB_SECOND = 0.0000133334;
    static final double PER_REQUEST = 0.20 / 1_000_000;
    /** DynamoDB on-demand: per write and per read request unit. */
    static final double PER_WRITE_UNIT = 1.25 / 1_000_000;
    static final double PER_READ_UNIT = 0.25 / 1_000_000;
    /** A function has one full vCPU at this memory, a proportional share below it. */
    static final int ONE_VCPU_MB = 1769;
    /** Assumed round trip of one DynamoDB call from Lambda in the same region. */
    static final double DYNAMODB_CALL_MS = 5;
    /** The p99 any API route may take at the chosen memory: a person at a form does not wait longer. */
    static final double ROUTE_P99_BUDGET_MS = 100;
    static final int[] MEMORY_MB = {256, 512, 768, 1024, 1536, 1769, 2048};
    /** Routes that read a whole period: their time grows with it, and nobody waits on them at a form. */
    static final Set<String> BULK_ROUTES = Set.of("GET /reports/sla", "GET /exports/hours.csv");

    private final Template template;
    private final List<WarmRoutes.Result> warm;
    private final RequestLife.Result life;

    Pricing(Template template, List<WarmRoutes.Result> warm, RequestLife.Result life) {
        this.template = template;
        this.warm = warm;
        this.life = life;
    }

    /** A call as the model sees it: its CPU here (p50, p99) and its DynamoDB calls. */
    private record Work(String name, double cpuP50, double cpuP99, double calls) {
        double ms(int memoryMb, double cpu) {
            return cpu * Math.max(1, (double) ONE_VCPU_MB / memoryMb) + calls * DYNAMODB_CALL_MS;
        }
    }

    void run(Markdown report) {
        List<Work> routes = new ArrayList<>();
        for (WarmRoutes.Result route : warm) {
            if (Scenarios.isRoute(route.key()) && !BULK_ROUTES.contains(route.key())) {
                routes.add(new Work(route.key(), route.cpuMs().median(), route.cpuMs().percentile(99),
                        route.perCall(route.cost().totalCalls())));
            }
        }
        List<Work> steps = new ArrayList<>();
        for (RequestLife.Step step : life.steps()) {
            String key = step.route().equals("schedule") ? Scenarios.schedule("HoursFunction") : step.route().replace("`", "");
            WarmRoutes.Result route = warm.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
            steps.add(new Work(step.name(), route.cpuMs().median(), route.cpuMs().percentile(99),
                    step.cost().totalCalls()));
        }
        Map<Integer, double[]> byMemory = new LinkedHashMap<>();
        Map<Integer, String> slowest = new LinkedHashMap<>();
        Integer chosen = null;
        for (int memory : MEMORY_MB) {
            double gbSeconds = 0;
            for (Work step : steps) {
                gbSeconds += Math.ceil(step.ms(memory, step.cpuP50())) / 1000 * memory / 1024;
            }
            Work slowRoute = routes.stream().max(java.util.Comparator.comparingDouble(r -> r.ms(memory, r.cpuP99())))
                    .orElseThrow();
            double slowestP99 = slowRoute.ms(memory, slowRoute.cpuP99());
            double requests = steps.size() * PER_REQUEST;
            byMemory.put(memory, new double[] {slowRoute.ms(memory, slowRoute.cpuP50()), slowestP99,
                    gbSeconds * ARM_PER_GB_SECOND + requests, gbSeconds * X86_PER_GB_SECOND + requests});
            slowest.put(memory, slowRoute.name());
            if (chosen == null && slowestP99 <= ROUTE_P99_BUDGET_MS) {
                chosen = memory;
            }
        }
        write(report, steps, byMemory, slowest, chosen);
    }

    private void write(Markdown report, List<Work> steps, Map<Integer, double[]> byMemory, Map<Integer, String> slowest,
                       Integer chosen) {
        StoreProbe.Reading total = life.total();
        double dynamo = total.writeUnits() * PER_WRITE_UNIT + total.readUnits() * PER_READ_UNIT;
        Object memory = template.globalFunctionProperty("MemorySize");
        Object architectures = template.globalFunctionProperty("Architectures");
        report.heading(2, "5. Price: architecture and memory")
                .paragraph("A model, with its assumptions: a step's duration on Lambda is the CPU time it took here (the "
                        + "thread's, p50 and p99 from section 2), stretched by " + ONE_VCPU_MB + " MB ÷ memory below one "
                        + "full vCPU (Lambda gives CPU in proportion to memory), plus " + Markdown.number(DYNAMODB_CALL_MS, 0)
                        + " ms for each of its DynamoDB calls (same-region round trip; loopback dynalite is faster). This "
                        + "machine's core is taken as fast as a Lambda vCPU, Graviton (arm64) as fast as x86_64: AWS prices "
                        + "arm64 20% lower per GB-second, and nothing in the jars is native to either. Prices: us-east-1 list, "
                        + "$" + new java.math.BigDecimal(Double.toString(ARM_PER_GB_SECOND)).toPlainString() + " (arm64) and $"
                        + new java.math.BigDecimal(Double.toString(X86_PER_GB_SECOND)).toPlainString() + " (x86_64) per GB-second, "
                        + "$0.20 per million requests; DynamoDB on-demand $1.25 per million write units, $0.25 per million "
                        + "read units. The cost is of a request life (section 3's " + steps.size() + " invocations); the latency "
                        + "is of the slowest API route (section 2's, schedules aside, and the SLA report and the hours export, "
                        + "whose time grows with the period they read).");
        Markdown.Table table = report.table("memory MB:", "slowest route:", "its p50 ms:", "its p99 ms:",
                "Lambda $ per million lives, arm64:", "x86_64:");
        byMemory.forEach((mb, v) -> table.row(mb + (chosen != null && mb.equals(chosen) ? " (chosen)" : ""),
                "`" + slowest.get(mb) + "`", Markdown.number(v[0], 0), Markdown.number(v[1], 0),
                Markdown.number(v[2] * 1e6, 2), Markdown.number(v[3] * 1e6, 2)));
        table.end();
        report.paragraph("The steps are waits on DynamoDB more than work: below one vCPU the duration grows slower than the "
                + "memory shrinks, so the smallest memory is the cheapest, and the choice is the smallest at which "
                + "every API route's p99 stays within " + Markdown.number(ROUTE_P99_BUDGET_MS, 0) + " ms: **"
                + (chosen == null ? "none of them" : chosen + " MB on arm64") + "**. The template has `MemorySize: "
                + memory + "` and `Architectures: " + architectures + "`. For scale, the same life's DynamoDB capacity "
                + "(section 3) costs $" + Markdown.number(dynamo * 1e6, 2) + " per million lives: "
                + "the table, not the functions, is where a request's money goes.");
    }
}
