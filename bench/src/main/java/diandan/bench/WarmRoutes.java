package diandan.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import diandan.devkit.StoreProbe;
import diandan.devkit.Template;

/**
 * Tables 2 and 3: every route, schedule and bus rule of the template, called through its function in this JVM as
 * Lambda calls it (event bytes in, answer bytes out, {@link LambdaRuntime}). Timings on the plain client after a
 * warm-up; capacity from separate calls on the metered client.
 */
final class WarmRoutes {
    /** One route's (or schedule's) measurements. */
    record Result(String functionId, String key, String status, Samples wallMs, Samples cpuMs,
                  StoreProbe.Reading cost, int costCalls, int firstEventSequentialCalls) {
        double perCall(double total) {
            return total / costCalls;
        }

        /** The DynamoDB calls a call made one after another, on average: the round trips a region adds. */
        double sequentialCalls() {
            return perCall(cost.sequentialCalls());
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Desk desk;
    private final Scenarios scenarios;
    private final Settings settings;

    WarmRoutes(Desk desk, Settings settings) {
        this.desk = desk;
        this.scenarios = new Scenarios(desk);
        this.settings = settings;
    }

    /**
     * Everything the template serves, in template order, the registry's growers and then the schedules and bus rules
     * last.
     */
    List<String[]> keys() {
        List<String[]> keys = new ArrayList<>();
        List<String[]> last = new ArrayList<>();
        for (Template.Route route : desk.template.routes()) {
            (Scenarios.GROW_THE_REGISTRY.contains(route.routeKey()) ? last : keys)
                    .add(new String[] {route.functionId(), route.routeKey()});
        }
        keys.addAll(last);
        for (Template.Schedule schedule : desk.template.schedules()) {
            keys.add(new String[] {schedule.functionId(), Scenarios.schedule(schedule.functionId())});
        }
        for (Template.BusRule rule : desk.template.busRules()) {
            keys.add(new String[] {rule.functionId(), Scenarios.busEvent(rule.functionId())});
        }
        return keys;
    }

    List<Result> run(Markdown report) {
        List<Result> results = new ArrayList<>();
        for (String[] key : keys()) {
            System.out.println("warm: " + key[1]);
            results.add(measure(key[0], key[1], scenarios.of(key[1])));
        }
        write(report, results);
        return results;
    }

    private Result measure(String functionId, String key, Supplier<Scenarios.Call> scenario) {
        Map<String, Integer> statuses = new TreeMap<>();
        StoreProbe.Reading first = desk.meter.reading();
        Scenarios.Call firstCall = scenario.get();
        firstCall.cleanUp().accept(desk.invokeFirst(functionId, LambdaRuntime.json(firstCall.event())));
        int firstEventSequentialCalls = desk.meter.reading().minus(first).sequentialCalls();
        call(functionId, scenario, true); // loads the metered handler's caches (registry, clock policy), as a warm container has them
        StoreProbe.Reading before = desk.meter.reading();
        for (int i = 0; i < settings.costCalls(); i++) {
            statuses.merge(call(functionId, scenario, true), 1, Integer::sum);
        }
        StoreProbe.Reading cost = desk.meter.reading().minus(before);

        Samples wall = new Samples();
        Samples cpu = new Samples();
        for (int i = 0; i < settings.warmUpCalls() + settings.warmCalls(); i++) {
            Scenarios.Call call = scenario.get();
            byte[] event = LambdaRuntime.json(call.event());
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            byte[] answer = desk.invoke(functionId, event, false);
            long elapsed = System.nanoTime() - start;
            long cpuUsed = THREADS.getCurrentThreadCpuTime() - cpuStart;
            call.cleanUp().accept(answer);
            if (i >= settings.warmUpCalls()) {
                wall.add(elapsed / 1e6);
                cpu.add(cpuUsed / 1e6);
                statuses.merge(LambdaRuntime.status(answer), 1, Integer::sum);
            }
        }
        String status = statuses.size() == 1 ? statuses.keySet().iterator().next()
                : statuses.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        return new Result(functionId, key, status, wall, cpu, cost, settings.costCalls(), firstEventSequentialCalls);
    }

    private String call(String functionId, Supplier<Scenarios.Call> scenario, boolean metering) {
        Scenarios.Call call = scenario.get();
        byte[] answer = desk.invoke(functionId, LambdaRuntime.json(call.event()), metering);
        call.cleanUp().accept(answer);
        return LambdaRuntime.status(answer);
    }

    private void write(Markdown report, List<Result> results) {
        report.heading(2, "2. Warm latency and 3. capacity, per route")
                .paragraph("Every route of template.yaml, every schedule and bus rule, through its function in the benchmark's JVM as "
                        + "Lambda's runtime calls it: the event's JSON read with the runtime's serializers, the answer written "
                        + "back (a stream handler does both itself). Each call gets fresh state made beforehand (a request to "
                        + "accept is submitted; after the call it is cancelled and its team's tombstone for it cleared, as "
                        + "a quiet quarter hour would, so that the team's room and load item stay as a real team's); "
                        + "making and clearing it is not measured. Latency: " + settings.warmCalls() + " calls after " + settings.warmUpCalls()
                        + " warm-up calls, on loopback dynalite; CPU is this thread's CPU time (the function's own work, "
                        + "without the store's). **Sequential calls**: the DynamoDB calls made one after another, the latency a region "
                        + "adds (about 5 ms each): calls made at the same time count once (`StoreProbe` follows which "
                        + "calls wait for which); the mean of the calls below, and on a container's first event (a new "
                        + "handler, its caches empty). Capacity: the mean of " + settings.costCalls() + " further calls with "
                        + "`ReturnConsumedCapacity=TOTAL`, with the registry and clock-policy caches warm (each reloads once "
                        + "a minute per container: one Query). **RCU** and **WCU engine** are what dynalite reports (the "
                        + "table only, strings counted in UTF-16 units); **WCU billed** is what DynamoDB bills for the same "
                        + "writes: the table's item sizes in UTF-8 bytes plus a write to every index whose entry the write "
                        + "adds, changes or removes (see section 3).");
        Markdown.Table table = report.table("function", "route", "status", "p50 ms:", "p99 ms:", "CPU p50 ms:",
                "DynamoDB calls:", "sequential calls:", "first event:", "items read:", "RCU:", "WCU engine:",
                "WCU billed:", "of which indexes:");
        for (Result r : results) {
            StoreProbe.Reading c = r.cost();
            table.row(r.functionId(), "`" + r.key() + "`", r.status(), Markdown.number(r.wallMs().median(), 1),
                    Markdown.number(r.wallMs().percentile(99), 1), Markdown.number(r.cpuMs().median(), 1),
                    Markdown.number(r.perCall(c.totalCalls()), 1), Markdown.number(r.sequentialCalls(), 1),
                    r.firstEventSequentialCalls(), Markdown.number(r.perCall(c.itemsRead()), 1),
                    Markdown.number(r.perCall(c.readUnits()), 1), Markdown.number(r.perCall(c.engineWriteUnits()), 1),
                    Markdown.number(r.perCall(c.writeUnits()), 1), Markdown.number(r.perCall(c.indexUnits()), 1));
        }
        table.end();
        // the SLA report reads summaries only of days long ended: this table's recent period cannot show it
        report.paragraph("The SLA report's row above reads a period of recent days, which the report still reads request by "
                + "request. Whole days that ended a day ago with every request closed or cancelled are read from stored "
                + "day summaries, and whole months whose every day is summarized from month summaries "
                + "([escalation.md](escalation.md#cost)): one item a month or a day, whatever the requests in it. "
                + "`SlaSummariesTest` counts the items a report reads on a community with 4 requests a day and some "
                + "days with requests still open: once summarized, a 1-day report reads 1 day item and no request, a "
                + "calendar month 1 month item, 24 September to 18 November 1 month item (October), 22 day items and "
                + "4 requests (its part days and days not yet final), a year (the longest allowed) 10 month "
                + "items, 61 day items (its part months and the month with a day still open) and 2 requests; the "
                + "first report over that year (days from before summaries existed) read 13 requests and 37 day "
                + "items and stored 297 day and 9 month summaries. Section 6 measures it at a district's volume.");
    }
}
