package diandan.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.joda.time.DateTime;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.DynamoDueIndex;
import diandan.adapter.dynamodb.RequestItems;
import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.StoreProbe;
import diandan.domain.AreaPath;
import diandan.domain.Channel;
import diandan.domain.Clocks;
import diandan.domain.Contact;
import diandan.domain.Ids;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.TimelineEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Section 4: a sweep with the same number of due requests in ever larger tables (the others not due: half
 * resolved, half with deadlines days ahead), and the catch-up of a long backlog. Requests are written straight
 * as items ({@link RequestItems}), 25 to a BatchWriteItem on several threads; each due one was dispatched to a
 * team of its own that never answered, so its escalation re-routes it like a real one.
 */
final class SweepScaling {
    private static final AreaPath XINBEI = new AreaPath("xinbei", "weiyang", "weicheng");
    private static final int WRITERS = 4;

    private final Dynalite engine;
    private final Settings settings;
    private int teams;

    SweepScaling(Dynalite engine, Settings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /** One sweep's figures. */
    record Sweep(int tableSize, long ms, JsonNode summary, StoreProbe.Reading cost) {
        int escalated() {
            return summary.path("escalated").asInt();
        }
    }

    /** The sweeps by table size (timed, and counted on the metered client), and the catch-up's ticks. */
    record Result(List<Sweep> timed, List<Sweep> counted, List<Sweep> catchUp) {
    }

    Result run(Markdown report) {
        Desk desk = new Desk(engine, "sweep");
        DynamoDueIndex due = new DynamoDueIndex(desk.client, desk.table);
        due.advanceWatermark(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)));
        List<Sweep> timed = new ArrayList<>();
        List<Sweep> counted = new ArrayList<>();
        List<String> loading = new ArrayList<>();
        int size = 0;
        for (int target : settings.sweepTables()) {
            long start = System.nanoTime();
            write(desk.client, desk.table, notDue(target - size));
            double seconds = (System.nanoTime() - start) / 1e9;
            loading.add(Markdown.number(target - size, 0) + " in " + Markdown.number(seconds, 0) + " s");
            size = target;
            System.out.println("sweep: table of " + size);
            write(desk.client, desk.table, dueNow(settings.sweepDue()));
            timed.add(sweep(desk, size, false));
            write(desk.client, desk.table, dueNow(settings.sweepDue()));
            counted.add(sweep(desk, size, true));
        }
        List<Sweep> ticks = catchUp();
        write(report, timed, counted, loading, ticks);
        return new Result(timed, counted, ticks);
    }

    private Sweep sweep(Desk desk, int tableSize, boolean metering) {
        StoreProbe.Reading before = desk.meter.reading();
        long start = System.nanoTime();
        byte[] answer = desk.invoke("EscalationFunction", LambdaRuntime.json(tick()), metering);
        long ms = (System.nanoTime() - start) / 1_000_000;
        try {
            return new Sweep(tableSize, ms, Json.read(answer), desk.meter.reading().minus(before));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The schedule's event for this minute. */
    private static ScheduledEvent tick() {
        ScheduledEvent tick = ApiEvents.schedule("schedule-tick.json");
        tick.setId(UUID.randomUUID().toString());
        tick.setTime(new DateTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli()));
        return tick;
    }

    /** A backlog of due requests, deadlines spread over the hours since the watermark, worked off tick by tick. */
    private List<Sweep> catchUp() {
        Desk desk = new Desk(engine, "catchup");
        Instant now = Instant.now();
        Instant watermark = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10));
        new DynamoDueIndex(desk.client, desk.table).advanceWatermark(watermark);
        long span = Duration.between(watermark, now.minus(Duration.ofMinutes(1))).toMillis();
        List<ServiceRequest> backlog = new ArrayList<>();
        for (int i = 0; i < settings.catchUp(); i++) {
            backlog.add(due(watermark.plusMillis(span * i / settings.catchUp())));
        }
        write(desk.client, desk.table, backlog);
        List<Sweep> ticks = new ArrayList<>();
        System.out.println("catch-up of " + settings.catchUp());
        do {
            ticks.add(sweep(desk, settings.catchUp(), false));
        } while (!ticks.get(ticks.size() - 1).summary().path("caughtUp").asBoolean() && ticks.size() < 1000);
        return ticks;
    }

    private List<ServiceRequest> dueNow(int count) {
        List<ServiceRequest> due = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            due.add(due(now.minus(Duration.ofMinutes(5)).plusMillis(i)));
        }
        return due;
    }

    /** Dispatched to a team of its own twenty minutes before {@code respondBy}; its other clocks days ahead. */
    private ServiceRequest due(Instant respondBy) {
        Instant created = respondBy.minus(Duration.ofMinutes(15));
        Sla sla = new Sla(respondBy, respondBy.plus(Duration.ofDays(2)), respondBy.plus(Duration.ofDays(3)), null, null,
                null, Set.of());
        return RequestLifecycle.dispatch(submitted(created, sla), "bench-team-" + teams++, TimelineEntry.SYSTEM,
                "routed to a community team", created);
    }

    /** Requests no sweep has to look at: half resolved, half waiting for deadlines days ahead. */
    private List<ServiceRequest> notDue(int count) {
        List<ServiceRequest> requests = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            Instant created = now.minus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(60, 7 * 24 * 60)));
            if (i % 2 == 0) {
                ServiceRequest request = RequestLifecycle.dispatch(submitted(created,
                                Sla.startingAt(created, Clocks.DESK_PROMISE, Optional.empty())),
                        "bench-team-" + teams++, TimelineEntry.SYSTEM, "routed to a community team", created);
                String leader = "u-leader-" + request.teamId();
                request = RequestLifecycle.accept(request, leader, created.plus(Duration.ofMinutes(5)));
                request = RequestLifecycle.reply(request, leader, "周六上午上门", null, created.plus(Duration.ofMinutes(10)));
                requests.add(RequestLifecycle.resolve(request, leader, "已上门服务", created.plus(Duration.ofMinutes(50))));
            } else {
                Instant respondBy = now.plus(Duration.ofDays(1)).plusSeconds(ThreadLocalRandom.current().nextLong(6 * 24 * 3600));
                Sla sla = new Sla(respondBy, respondBy.plus(Duration.ofDays(1)), respondBy.plus(Duration.ofDays(2)), null,
                        null, null, Set.of());
                requests.add(RequestLifecycle.dispatch(submitted(created, sla), "bench-team-" + teams++,
                        TimelineEntry.SYSTEM, "routed to a community team", created));
            }
        }
        return requests;
    }

    /** A legal question from 新北 submitted at {@code created}, not yet routed. */
    static ServiceRequest submitted(Instant created, Sla sla) {
        String resident = "resident-" + UUID.randomUUID();
        return new ServiceRequest(Ids.newId("r", created), RequestStatus.UNROUTED, "legal", "需要法律咨询，关于房屋租赁合同",
                Channel.APP, XINBEI, new Contact("张桂兰", "13812345678", "新北社区3号楼2单元501"), null, resident, resident,
                null, List.of(), sla, List.of(new TimelineEntry(created, "submitted", resident, "via app")), null, created,
                created, 1, null);
    }

    /** Writes the requests as items, 25 to a batch, on a few threads. */
    static void write(DynamoDbClient client, String table, List<ServiceRequest> requests) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < requests.size(); i += 25) {
                List<WriteRequest> batch = requests.subList(i, Math.min(requests.size(), i + 25)).stream()
                        .map(r -> WriteRequest.builder().putRequest(p -> p.item(RequestItems.toItem(r))).build()).toList();
                writes.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> sending = pending;
                        pending = client.batchWriteItem(b -> b.requestItems(sending)).unprocessedItems();
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("bulk write failed", e);
        } finally {
            pool.shutdown();
        }
    }

    private void write(Markdown report, List<Sweep> timed, List<Sweep> counted, List<String> loading, List<Sweep> ticks) {
        report.heading(2, "4. Sweep scaling")
                .paragraph("The escalation sweep (EscalationFunction's schedule event) with " + settings.sweepDue()
                        + " requests whose respond deadline passed five minutes ago, in tables of growing size. The "
                        + "others are not due: half resolved (out of the due index), half with deadlines days ahead (in "
                        + "later hours' buckets). Each due request was dispatched to a team that never answered, so each "
                        + "escalation raises a level-1 alert and re-routes the request (to a demo team while one has room, "
                        + "else to the dispatchers' queue). Time: one sweep on the plain client; counts: a second sweep of "
                        + "as many newly due requests on the metered client. Written: " + String.join(", ", loading)
                        + " (BatchWriteItem, " + WRITERS + " threads).");
        Markdown.Table table = report.table("requests in the table:", "escalated:", "index entries read:",
                "requests read:", "index queries:", "items read (all calls):", "RCU:", "WCU billed:", "sweep ms:");
        for (int i = 0; i < timed.size(); i++) {
            Sweep t = timed.get(i);
            Sweep c = counted.get(i);
            table.row(Markdown.number(t.tableSize(), 0), c.escalated(),
                    c.summary().path("entriesRead").asInt(), c.summary().path("requestsRead").asInt(),
                    c.summary().path("bucketsRead").asInt(), c.cost().itemsRead(), Markdown.number(c.cost().readUnits(), 1),
                    Markdown.number(c.cost().writeUnits(), 0), t.ms());
        }
        table.end();
        Samples tickMs = new Samples();
        int escalated = 0;
        for (Sweep tick : ticks) {
            tickMs.add(tick.ms());
            escalated += tick.escalated();
        }
        report.paragraph("**Catch-up**: " + Markdown.number(settings.catchUp(), 0) + " requests due over the ten hours "
                + "since the watermark (an outage), on a table of their own. " + ticks.size() + " ticks ("
                + escalated + " escalations; each tick at most 500 requests or 30 s, `Sweeper.Limits.STANDARD`), "
                + "a tick took " + Markdown.number(tickMs.median(), 0) + " ms (median; "
                + Markdown.number(tickMs.min(), 0) + "–" + Markdown.number(tickMs.max(), 0) + " ms), "
                + Markdown.number(tickMs.sum() / 1000, 0) + " s of sweeping in all: with the schedule's one tick a "
                + "minute, the backlog is gone " + ticks.size() + " minutes after the store is back.");
    }
}
