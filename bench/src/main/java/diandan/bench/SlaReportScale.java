package diandan.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import diandan.adapter.RegistryFile;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoSlaSummaryStore;
import diandan.app.escalation.SlaReports;
import diandan.devkit.Dynalite;
import diandan.devkit.RepoRoot;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.Caller;
import diandan.domain.Clocks;
import diandan.domain.RequestLifecycle;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.SlaClock;
import diandan.domain.SlaSummary;
import diandan.domain.TimelineEntry;
import diandan.domain.hours.ServiceDates;
import diandan.port.escalation.SlaSummaryStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Section 6: the SLA report over a day, a month and a year of a province-sized district's volume, 5,000,000
 * requests a year over 100 districts: 137 a day, over 43 teams (4,300 over the 100), or the volume given. The year's
 * day summaries are generated and stored directly, as the first reports after each day would have stored them
 * (50,005 requests of random times at that volume, not 50,005 request items); the days not yet summarized (the last
 * one and a half, and the first part day of a rolling year) hold real requests. The report runs as the API runs it,
 * as of {@link #AS_OF}, grouped by team.
 */
final class SlaReportScale {
    /** 5,000,000 requests a year over 100 districts. */
    static final int REQUESTS_A_DAY = 137;
    static final int TEAMS = 43;
    static final String DISTRICT = "weicheng";
    /** 10:00 on 2 January 2027, Beijing: 2026 is summarized to its last day, 2027's first day and a half is not. */
    static final Instant AS_OF = LocalDate.parse("2027-01-02").atTime(10, 0).atZone(ServiceDates.ZONE).toInstant();
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");
    private static final Caller ADMIN = new Caller("a-" + DISTRICT, Set.of(Role.ADMIN), null, DISTRICT, null);

    /** A report over {@code [from, to)}, named. */
    record Period(String name, Instant from, Instant to) {
    }

    static final List<Period> PERIODS = List.of(
            new Period("a day (31 Dec 2026)", start(LocalDate.parse("2026-12-31")), start(LocalDate.parse("2027-01-01"))),
            new Period("a month (Dec 2026)", start(LocalDate.parse("2026-12-01")), start(LocalDate.parse("2027-01-01"))),
            new Period("a year (2026)", start(FIRST_DAY), start(LocalDate.parse("2027-01-01"))),
            new Period("the last 24 hours", AS_OF.minus(Duration.ofDays(1)), AS_OF),
            new Period("the last 365 days", AS_OF.minus(Duration.ofDays(365)), AS_OF));

    /** What one report read and stored: month and day summary items, requests; Queries and read units. */
    record Reads(int months, int days, long requests, int queries, double readUnits, int monthsStored) {
    }

    /** @param first the first report over the period; {@code then} the next; ms the median of the timed ones */
    record Figures(Period period, Reads first, Reads then, double ms) {
    }

    /** @param monthItemBytes the mean size of a month's summary item, UTF-8; {@code dayItemBytes} a day's */
    record Result(List<Figures> figures, int summarizedRequests, int requestItems, long monthItemBytes,
                  long dayItemBytes) {
    }

    private final Dynalite engine;
    private final DynamoDbClient client;
    private final String table;
    private final int requestsADay;
    private final int timedRuns;

    /**
     * @param requestsADay the district's requests a day ({@link #REQUESTS_A_DAY} for a province-sized one): the
     *                     summary items a report reads do not depend on it, their sizes and the requests read do
     * @param timedRuns reports timed per period, on the plain client: the median is reported
     */
    SlaReportScale(Dynalite engine, DynamoDbClient client, String table, int requestsADay, int timedRuns) {
        this.engine = engine;
        this.client = client;
        this.table = table;
        this.requestsADay = requestsADay;
        this.timedRuns = timedRuns;
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ServiceDates.ZONE).toInstant();
    }

    Result run() {
        TableDefinition.fromTemplate(Template.load()).ensureCreated(client, table);
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"), new DynamoRegistryRepository(client, table));
        Random random = new Random(1);
        DynamoSlaSummaryStore store = new DynamoSlaSummaryStore(client, table);
        int summarized = 0;
        for (LocalDate day = FIRST_DAY; day.getYear() == FIRST_DAY.getYear(); day = day.plusDays(1)) {
            store.store(DISTRICT, SlaReports.GroupBy.TEAM.code(), new SlaSummaryStore.DaySummary(day, day(random), Map.of()));
            summarized += requestsADay;
        }
        List<ServiceRequest> requests = new ArrayList<>();
        for (LocalDate day : List.of(LocalDate.parse("2026-01-02"), LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-02"))) {
            requests.addAll(served(day, random));
        }
        SweepScaling.write(client, table, requests);

        StoreProbe probe = StoreProbe.on(engine, client).metered().build();
        List<Figures> figures = new ArrayList<>();
        for (Period period : PERIODS) {
            Reads first = counted(probe, period);
            Reads then = counted(probe, period);
            figures.add(new Figures(period, first, then, timed(period)));
        }
        return new Result(figures, summarized, requests.size(), meanBytes("team#month#2026-01", "team#month#2026-12"),
                meanBytes("team#2026-01-01", "team#2026-12-31"));
    }

    /** The mean size of the district's summary items in this range of sort keys, as DynamoDB counts it. */
    private long meanBytes(String firstKey, String lastKey) {
        List<Map<String, AttributeValue>> items = client.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("pk = :p AND sk BETWEEN :first AND :last")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("SLASUM#" + DISTRICT),
                        ":first", AttributeValue.fromS(firstKey), ":last", AttributeValue.fromS(lastKey))))
                .items().stream().toList();
        long bytes = items.stream().flatMap(item -> item.entrySet().stream())
                .mapToLong(a -> utf8(a.getKey()) + utf8(a.getValue().s())).sum();
        return bytes / items.size();
    }

    /** Half a unit a started 4 KB, read in one run (a Query page's items count together). */
    private static double eventuallyConsistentUnits(long bytes) {
        return Math.ceil(bytes / 4096.0) / 2;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A day's summary by team: the day's requests, each with its three clocks stopped at random times. */
    private Map<String, SlaSummary> day(Random random) {
        Map<String, SlaSummary> teams = new HashMap<>();
        for (int i = 0; i < requestsADay; i++) {
            long respond = 30 + random.nextInt(30 * 60);
            long reply = respond + random.nextInt(60 * 60);
            long resolve = reply + random.nextInt(48 * 3600);
            Map<SlaClock, Long> seconds = Map.of(SlaClock.RESPOND, respond, SlaClock.REPLY, reply, SlaClock.RESOLVE, resolve);
            Map<SlaClock, Integer> judged = new EnumMap<>(SlaClock.class);
            Map<SlaClock, Integer> met = new EnumMap<>(SlaClock.class);
            Map<SlaClock, Map<Long, Integer>> counts = new EnumMap<>(SlaClock.class);
            seconds.forEach((clock, s) -> {
                judged.put(clock, 1);
                met.put(clock, s <= promise(clock) ? 1 : 0);
                counts.put(clock, new TreeMap<>(Map.of(s, 1)));
            });
            boolean held = random.nextInt(20) == 0;
            SlaSummary one = SlaSummary.of(1, judged, met, counts, held ? 1 : 0,
                    held ? Duration.ofMinutes(random.nextInt(600)) : Duration.ZERO);
            teams.computeIfAbsent("team-" + random.nextInt(TEAMS), t -> new SlaSummary()).merge(one);
        }
        return teams;
    }

    /** The desk's promise for a clock, in seconds. */
    private static long promise(SlaClock clock) {
        return switch (clock) {
            case RESPOND -> Clocks.DESK_PROMISE.respondMinutes() * 60L;
            case REPLY -> Clocks.DESK_PROMISE.replyMinutes() * 60L;
            case RESOLVE -> Clocks.DESK_PROMISE.resolveMinutes() * 60L;
        };
    }

    /** The day's requests, submitted evenly over it, each served within the hour. */
    private List<ServiceRequest> served(LocalDate day, Random random) {
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < requestsADay; i++) {
            Instant created = start(day).plusSeconds(i * 86_400L / requestsADay);
            ServiceRequest request = RequestLifecycle.dispatch(SweepScaling.submitted(created,
                            Sla.startingAt(created, Clocks.DESK_PROMISE, Optional.empty())),
                    "team-" + random.nextInt(TEAMS), TimelineEntry.SYSTEM, "routed to a community team", created);
            String leader = "u-leader-" + request.teamId();
            request = RequestLifecycle.accept(request, leader, created.plus(Duration.ofMinutes(5 + random.nextInt(10))));
            request = RequestLifecycle.reply(request, leader, "周六上午上门", null, created.plus(Duration.ofMinutes(20)));
            requests.add(RequestLifecycle.resolve(request, leader, "已上门服务", created.plus(Duration.ofMinutes(50))));
        }
        return requests;
    }

    /** A fresh container's report over the period on the metered client, and what it read and stored. */
    private Reads counted(StoreProbe probe, Period period) {
        Wiring desk = new Wiring(probe.client(), table, Clock.fixed(AS_OF, ServiceDates.ZONE));
        desk.registry.get(); // the registry snapshot is the container's, not the report's
        Counting summaries = new Counting(new DynamoSlaSummaryStore(probe.client(), table));
        SlaReports reports = new SlaReports(desk.requests, summaries, desk.registry, desk::calendarOf,
                Clock.fixed(AS_OF, ServiceDates.ZONE));
        probe.reset();
        reports.report(ADMIN, period.from().toString(), period.to().toString(), SlaReports.GroupBy.TEAM.code(), DISTRICT);
        StoreProbe.Reading reading = probe.reading();
        return new Reads(summaries.months.get(), summaries.days.get(), reading.indexItemsReturned(),
                reading.calls("Query"), reading.readUnits(), summaries.monthsStored.get());
    }

    /** The median wall time of the report over the period on the plain client, each in a fresh container. */
    private double timed(Period period) {
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < timedRuns; run++) {
            Wiring desk = new Wiring(client, table, Clock.fixed(AS_OF, ServiceDates.ZONE));
            desk.registry.get();
            SlaReports reports = new SlaReports(desk.requests, new DynamoSlaSummaryStore(client, table), desk.registry,
                    desk::calendarOf, Clock.fixed(AS_OF, ServiceDates.ZONE));
            long started = System.nanoTime();
            reports.report(ADMIN, period.from().toString(), period.to().toString(), SlaReports.GroupBy.TEAM.code(), DISTRICT);
            ms.add((System.nanoTime() - started) / 1e6);
        }
        ms.sort(Double::compare);
        return ms.get(ms.size() / 2);
    }

    /** The summary store, counting the items read and stored. */
    private static final class Counting implements SlaSummaryStore {
        final AtomicInteger months = new AtomicInteger();
        final AtomicInteger days = new AtomicInteger();
        final AtomicInteger monthsStored = new AtomicInteger();
        private final SlaSummaryStore store;

        Counting(SlaSummaryStore store) {
            this.store = store;
        }

        @Override
        public List<DaySummary> days(String areaId, String groupBy, LocalDate first, LocalDate last) {
            List<DaySummary> read = store.days(areaId, groupBy, first, last);
            days.addAndGet(read.size());
            return read;
        }

        @Override
        public List<MonthSummary> months(String areaId, String groupBy, YearMonth first, YearMonth last) {
            List<MonthSummary> read = store.months(areaId, groupBy, first, last);
            months.addAndGet(read.size());
            return read;
        }

        @Override
        public boolean store(String areaId, String groupBy, DaySummary summary) {
            return store.store(areaId, groupBy, summary);
        }

        @Override
        public boolean store(String areaId, String groupBy, MonthSummary summary) {
            monthsStored.incrementAndGet();
            return store.store(areaId, groupBy, summary);
        }
    }

    void write(Markdown report, Result result) {
        report.heading(2, "6. SLA report over a day, a month and a year")
                .paragraph("A province-sized district's volume: 5,000,000 requests a year over 100 districts is "
                        + REQUESTS_A_DAY + " a day, over " + TEAMS + " teams (4,300 over the 100); measured at "
                        + requestsADay + " a day. Generated: the day "
                        + "summaries of every day of 2026 by team, stored directly as the first report after each day "
                        + "stores them (" + Markdown.number(result.summarizedRequests(), 0) + " requests with random "
                        + "times, not as request items), and " + result.requestItems() + " requests as items, "
                        + requestsADay + " a day on the days a report still reads request by request (2 January 2026, "
                        + "the part day a rolling year starts in; 1 and 2 January 2027, not yet a day old). Each report "
                        + "as of 10:00 on 2 January 2027 (Beijing), grouped by team, in a fresh container; **first**: the "
                        + "first report over the period (it stores the summary of each whole month whose days are all "
                        + "summarized), **then**: every report after it. A month's summary item holds "
                        + Markdown.number(result.monthItemBytes(), 0) + " bytes on average, a day's "
                        + Markdown.number(result.dayItemBytes(), 0) + " (the times taken, counted per second, make "
                        + "most of it). Items and RCU counted by the metered client "
                        + "(RCU as dynalite reports them, eventually consistent), ms the median of " + timedRuns
                        + " reports on the plain client; Queries and RCU of all calls, a fresh container's calendar "
                        + "read included. Count assertions: `SlaReportScaleTest`, alone with `mvn -B -o -pl "
                        + "bench -am test -Dtest=SlaReportScaleTest -Dsurefire.failIfNoSpecifiedTests=false` (at "
                        + "a tenth of the volume; `-Dsla.requestsADay=" + REQUESTS_A_DAY + " -Dsla.timedRuns=5` prints "
                        + "this table, timed on the tests' JVM options).");
        Markdown.Table table = report.table("period", "first: month items:", "day items:", "requests:",
                "months stored:", "then: month items:", "day items:", "requests:", "Queries:", "RCU:", "ms:");
        for (Figures f : result.figures()) {
            table.row(f.period().name(), f.first().months(), f.first().days(), f.first().requests(),
                    f.first().monthsStored(), f.then().months(), f.then().days(), f.then().requests(),
                    f.then().queries(), Markdown.number(f.then().readUnits(), 1), Markdown.number(f.ms(), 0));
        }
        table.end();
        long days = result.dayItemBytes() * 365;
        long months = result.monthItemBytes() * 12;
        double perRequest = (double) result.monthItemBytes() * 12 / result.summarizedRequests();
        report.paragraph("For comparison, the same year as day items (what four quarterly reports read before month "
                + "summaries): 365 items, " + Markdown.number(days / 1e6, 1) + " MB, ~" + Markdown.number(eventuallyConsistentUnits(days), 0)
                + " RCU in " + (days / 1_000_000 + 1) + " Query pages; as requests (before day summaries), "
                + Markdown.number(result.summarizedRequests(), 0) + " index entries of ~1 KB, ~"
                + Markdown.number(eventuallyConsistentUnits(result.summarizedRequests() * 1_000L), 0) + " RCU in "
                + (result.summarizedRequests() / 500 + 1) + " pages of 500. The year's 12 month items: "
                + Markdown.number(months / 1e6, 1) + " MB. What grows with the volume is an item's size, not the "
                + "number of items: a month item keeps each group's times taken counted per second, ~"
                + Markdown.number(perRequest, 0) + " bytes a request at this volume (the times are mostly distinct), "
                + "so a month of " + Markdown.number(400 * 1024 / perRequest, 0) + " requests or more (a district "
                + "with " + Markdown.number(400 * 1024 / perRequest / (result.summarizedRequests() / 12.0), 1)
                + " times this volume) passes DynamoDB's 400 KB item: such a month is not "
                + "stored and is read as its days, still exact ([escalation.md](escalation.md#cost)).");
    }
}
