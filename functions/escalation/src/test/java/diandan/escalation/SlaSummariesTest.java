package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoSlaSummaryStore;
import diandan.adapter.json.Json;
import diandan.app.escalation.SlaReports;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.RepoRoot;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Clocks;
import diandan.domain.HoldEnd;
import diandan.domain.HoldReason;
import diandan.domain.Rating;
import diandan.domain.RequestLifecycle;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.SlaOutcome;
import diandan.domain.SlaSummary;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;
import diandan.domain.hours.ServiceDates;
import diandan.port.AreaScopes;
import diandan.port.Page;
import diandan.port.StorageUnavailableException;
import diandan.port.escalation.SlaSummaryStore;
import diandan.port.request.RequestQuery;
import diandan.port.request.RequestRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SLA report read from stored day and month summaries against the report read request by request (the oracle
 * below), over a mixed history of 75 Beijing days (20 September to 3 December 2026): requests served in time and
 * late, declined and dispatched again, held and resumed, escalated, cancelled (some with their contact erased weeks
 * later), on service-hours clocks, and on some days of September and November requests still open, on hold or
 * resolved and not yet closed (October is final throughout).
 */
@ExtendWith(DynaliteExtension.class)
class SlaSummariesTest {
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-20");
    static final int DAYS = 75;
    static final YearMonth OCTOBER = YearMonth.parse("2026-10");
    static final Instant AS_OF = start(FIRST_DAY.plusDays(DAYS)).plus(Duration.ofDays(3)).plusSeconds(5 * 3600);
    static final List<AreaPath> PLACES = List.of(Fixtures.XINBEI, Fixtures.SANPU, Fixtures.XIBEI_YIMIAN);
    static final List<String> CATEGORIES = List.of("legal", "education");
    static final Clocks SERVICE_HOURS_CLOCKS = new Clocks(15, 30, 24 * 60,
            new TimeBases(TimeBase.CONTINUOUS, TimeBase.SERVICE_HOURS, TimeBase.SERVICE_HOURS));
    static final Caller DISTRICT_ADMIN = new Caller("a-weicheng", Set.of(Role.ADMIN), null, "weicheng", null);

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ServiceDates.ZONE).toInstant();
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** Days with requests that are not final by {@link #AS_OF}, none in October: they stay read request by request. */
    static boolean openDay(int day) {
        return day % 10 == 7 && YearMonth.from(FIRST_DAY.plusDays(day)).compareTo(OCTOBER) != 0;
    }

    /** {@code perDay} requests a day, each with a fate of its own; the same seed builds the same history. */
    static List<ServiceRequest> history(int perDay, long seed) {
        Random random = new Random(seed);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            Instant dayStart = start(FIRST_DAY.plusDays(d));
            for (int i = 0; i < perDay; i++) {
                Instant at = dayStart.plus(min(random.nextInt(23 * 60)));
                String id = "h" + d + "-" + i + "-" + seed;
                AreaPath place = PLACES.get(random.nextInt(PLACES.size()));
                String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                int fates = openDay(d) ? 10 : 7;
                requests.add(fate(random.nextInt(fates), id, at, place, category, random));
            }
        }
        return requests;
    }

    static ServiceRequest fate(int fate, String id, Instant at, AreaPath place, String category, Random random) {
        String team = random.nextBoolean() ? "team-a" : "team-b";
        long jitter = random.nextInt(30);
        ServiceRequest r;
        switch (fate) {
            case 0 -> { // served in time, rated
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(1 + jitter / 3)));
                r = RequestLifecycle.reply(r, "leader", "coming", null, at.plus(min(12 + jitter / 2)));
                r = RequestLifecycle.resolve(r, "leader", "done", at.plus(min(60 + jitter)));
                r = RequestLifecycle.rate(r, "resident-" + id, new Rating(5, "resolved", null, at.plus(min(90 + jitter))));
            }
            case 1 -> { // served late, closed by the desk after the rating window
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(16 + jitter)));
                r = RequestLifecycle.reply(r, "leader", "coming", null, at.plus(min(35 + jitter)));
                Instant resolved = at.plus(Duration.ofHours(25)).plus(min(jitter));
                r = RequestLifecycle.resolve(r, "leader", "done", resolved);
                r = RequestLifecycle.close(r, RequestLifecycle.closesAt(r));
            }
            case 2 -> { // declined by one team, dispatched to the other, served
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, "team-a", place, category);
                r = RequestLifecycle.decline(r, "leader-a", "no one free", at.plus(min(3)));
                r = RequestLifecycle.dispatch(r, "team-b", "dispatcher", "covers it", at.plus(min(8 + jitter)));
                r = RequestLifecycle.accept(r, "leader-b", at.plus(min(12 + jitter)));
                r = RequestLifecycle.reply(r, "leader-b", "coming", null, at.plus(min(25 + jitter)));
                r = RequestLifecycle.resolve(r, "leader-b", "done", at.plus(min(120 + jitter)));
                r = RequestLifecycle.rate(r, "resident-" + id, new Rating(4, "resolved", null, at.plus(min(200))));
            }
            case 3 -> { // held while the team waits for the resident, then served
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(5)));
                r = RequestLifecycle.reply(r, "leader", "which door?", null, at.plus(min(9)));
                r = RequestLifecycle.hold(r, "leader", HoldReason.AWAITING_INFORMATION, at.plus(min(10)));
                r = RequestLifecycle.resume(r, "leader", HoldEnd.RESIDENT, at.plus(min(100 + jitter)), Optional.empty());
                r = RequestLifecycle.resolve(r, "leader", "done", at.plus(min(300 + jitter)));
                r = RequestLifecycle.rate(r, "resident-" + id, new Rating(3, "partly", null, at.plus(min(400))));
            }
            case 4 -> { // no team, escalated, then cancelled
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, null, place, category);
                r = RequestLifecycle.escalate(r, SlaClock.RESPOND, null, at.plus(min(15)));
                r = RequestLifecycle.cancel(r, "resident-" + id, "found help", at.plus(min(40 + jitter)));
            }
            case 5 -> { // cancelled early; its contact erased 30 days later, when that has come
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.cancel(r, "resident-" + id, "never mind", at.plus(min(2 + jitter / 10)));
                Instant erased = at.plus(Duration.ofDays(30));
                if (erased.isBefore(AS_OF)) {
                    r = RequestLifecycle.eraseContact(r, "retention", "kept 30 days", erased);
                }
            }
            case 6 -> { // reply and resolve clocks on service hours, served
                r = Fixtures.submitted(id, at, SERVICE_HOURS_CLOCKS, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(4)));
                r = RequestLifecycle.reply(r, "leader", "coming", null, at.plus(min(50 + jitter)));
                r = RequestLifecycle.resolve(r, "leader", "done", at.plus(min(500 + 10 * jitter)));
                r = RequestLifecycle.rate(r, "resident-" + id, new Rating(5, "resolved", null, at.plus(min(600 + 10 * jitter))));
            }
            case 7 -> { // accepted, still being served: its resolve clock runs past its deadline
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(6)));
            }
            case 8 -> { // on hold still
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(6)));
                r = RequestLifecycle.hold(r, "leader", HoldReason.RESIDENT_UNREACHABLE, at.plus(min(20)));
            }
            default -> { // resolved, its resident may still rate it
                r = Fixtures.submitted(id, at, Clocks.DESK_PROMISE, team, place, category);
                r = RequestLifecycle.accept(r, "leader", at.plus(min(6)));
                r = RequestLifecycle.resolve(r, "leader", "done", at.plus(min(50)));
            }
        }
        return r;
    }

    static final List<ServiceRequest> HISTORY = history(4, 1);

    /** Shared by the tests; each works on an area and grouping of its own, whose summaries no other test stores. */
    static LocalTable table;

    @BeforeAll
    static void setUp(LocalTable engineTable) throws Exception {
        table = tableWith(engineTable, HISTORY);
    }

    /** A table with the demo registry, the demo calendar on the district, and a history in it. */
    static LocalTable tableWith(LocalTable engineTable, List<ServiceRequest> history) throws Exception {
        LocalTable table = Fixtures.freshTable(engineTable);
        Fixtures.loadDemoRegistry(table);
        putCalendar(table, "weicheng", "local/demo/calendar-2026.json");
        Fixtures.createAll(table, history);
        return table;
    }

    static void putCalendar(LocalTable table, String areaId, String file) throws Exception {
        String calendar = Files.readString(RepoRoot.find().resolve(file));
        var handler = new EscalationApiHandler(table.client(), table.name(), new MutableClock(AS_OF));
        var response = handler.handleRequest(withBody(withPath(route("PUT /calendars/{areaId}", admin("a")), "areaId",
                areaId), calendar), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
    }

    /**
     * Counts what a report reads: calls to the requests and the summaries, requests listed, day and month summary
     * items read, summaries stored.
     */
    static final class Reads {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger summaries = new AtomicInteger();
        final AtomicInteger months = new AtomicInteger();
        final AtomicInteger stored = new AtomicInteger();
        final AtomicInteger storedMonths = new AtomicInteger();

        @Override
        public String toString() {
            return calls + " calls, " + requests + " requests, " + summaries + " day items, " + months + " month items, " + stored
                    + " days stored, " + storedMonths + " months stored";
        }
    }

    /** {@code target}, calling {@code counted} with the method and its answer after each call. */
    @SuppressWarnings("unchecked")
    static <T> T counting(Class<T> port, T target, BiConsumer<Method, Object> counted) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, m, args) -> {
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            counted.accept(m, result);
            return result;
        });
    }

    /** A fresh container's report (nothing cached), counting its reads into {@code reads}. */
    static SlaReports reports(LocalTable table, Reads reads, SlaSummaryStore summaries) {
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(AS_OF));
        RequestRepository requests = counting(RequestRepository.class, desk.requests, (m, result) -> {
            reads.calls.incrementAndGet();
            if (m.getName().equals("list")) {
                reads.requests.addAndGet(((Page<?>) result).items().size());
            }
        });
        SlaSummaryStore store = counting(SlaSummaryStore.class, summaries, (m, result) -> {
            reads.calls.incrementAndGet();
            switch (m.getName()) {
                case "days" -> reads.summaries.addAndGet(((List<?>) result).size());
                case "months" -> reads.months.addAndGet(((List<?>) result).size());
                case "store" -> (m.getParameterTypes()[2] == SlaSummaryStore.MonthSummary.class
                        ? reads.storedMonths : reads.stored).incrementAndGet();
                default -> {
                }
            }
        });
        return new SlaReports(requests, store, desk.registry, desk::calendarOf, new MutableClock(AS_OF));
    }

    static SlaReports reports(LocalTable table, Reads reads) {
        return reports(table, reads, new DynamoSlaSummaryStore(table.client(), table.name()));
    }

    /** The report as it was computed before day summaries: every request of the period read and added. */
    static SlaReports.Report oracle(LocalTable table, String area, String from, String to, SlaReports.GroupBy groupBy) {
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(AS_OF));
        var areaNode = desk.registry.get().area(area).orElseThrow();
        Map<String, SlaSummary> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        SlaSummary total = new SlaSummary();
        RequestQuery.Scope scope = AreaScopes.forArea(RequestQuery.Scope.class, areaNode.type());
        String cursor = null;
        do {
            Page<ServiceRequest> page = desk.requests.list(new RequestQuery(scope, area, null, null, null, null, null,
                    Instant.parse(from), Instant.parse(to), 500, cursor));
            for (ServiceRequest request : page.items()) {
                var calendar = desk.calendarOf(request.area().communityId());
                String key = switch (groupBy) {
                    case TEAM -> request.teamId();
                    case STREET -> request.area().streetId();
                    case CATEGORY -> request.category();
                    case DISTRICT -> request.area().districtId();
                };
                groups.computeIfAbsent(key, k -> new SlaSummary()).add(request, AS_OF, calendar);
                total.add(request, AS_OF, calendar);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new SlaReports.Report(Instant.parse(from), Instant.parse(to), groupBy, areaNode, AS_OF, groups, total);
    }

    static String json(SlaReports.Report report) {
        return Json.write(EscalationViews.report(report));
    }

    static void assertSameAsFullRead(SlaReports reports, String area, String from, String to,
                                     SlaReports.GroupBy groupBy) {
        String expected = json(oracle(table, area, from, to, groupBy));
        assertEquals(expected, json(reports.report(DISTRICT_ADMIN, from, to, groupBy.code(), area)),
                area + " " + groupBy + " " + from + ".." + to);
    }

    static String day(int d) {
        return start(FIRST_DAY.plusDays(d)).toString();
    }

    /** The days on which a request of this community was submitted that is not final (closed or cancelled). */
    static Set<LocalDate> notFinalDays(String communityId) {
        return HISTORY.stream().filter(r -> r.area().communityId().equals(communityId) && !SlaOutcome.isFinal(r))
                .map(r -> LocalDate.ofInstant(r.createdAt(), ServiceDates.ZONE)).collect(Collectors.toSet());
    }

    static SlaReports.GroupBy groupBy(String code) {
        return SlaReports.GroupBy.valueOf(code.toUpperCase(Locale.ROOT));
    }

    static String at(String day) {
        return start(LocalDate.parse(day)).toString();
    }

    @Test
    void theReportFromDayAndMonthSummariesEqualsTheFullReadForEveryAreaGroupingAndPeriod() throws Exception {
        String[][] periods = {
                {"2026-09-24T10:17:00Z", "2026-11-18T03:00:00Z"}, // mid-month to mid-month: October whole in it
                {"2026-10-06T10:17:00Z", "2026-10-28T03:00:00Z"}, // part days at both ends, within one month
                {at("2026-10-01"), at("2026-12-01")}};            // October (final) and November (days still open)
        String[][] cases = {{"weicheng", "team"}, {"weicheng", "street"}, {"weicheng", "category"}, {"xinbei", "team"}};
        for (int pass = 0; pass < 2; pass++) { // the first pass stores the summaries, the second reads them
            for (String[] c : cases) {
                for (String[] period : periods) {
                    Reads reads = new Reads();
                    assertSameAsFullRead(reports(table, reads), c[0], period[0], period[1], groupBy(c[1]));
                    if (pass == 1) {
                        assertEquals(0, reads.stored.get() + reads.storedMonths.get(), "nothing left to store: " + reads);
                    }
                }
            }
        }

        // a new calendar on the district: the days and months with service-hours clocks are read and stored again
        putCalendar(table, "weicheng", "local/demo/calendar-2026-sanpu.json");
        Reads recount = new Reads();
        assertSameAsFullRead(reports(table, recount), "weicheng", periods[0][0], periods[0][1], SlaReports.GroupBy.TEAM);
        assertTrue(recount.stored.get() > 0, recount.toString());
        assertEquals(1, recount.storedMonths.get(), recount.toString());
        Reads after = new Reads();
        assertSameAsFullRead(reports(table, after), "weicheng", periods[0][0], periods[0][1], SlaReports.GroupBy.TEAM);
        assertEquals(0, after.stored.get() + after.storedMonths.get(), after.toString());
        assertEquals(1, after.months.get(), after.toString());
    }

    /**
     * What a report over the whole days {@code first} to {@code last} reads once they are summarized: a whole month
     * whose days are all final one item, another final day one item; {@code [months, days]}.
     */
    static int[] summaryItems(LocalDate first, LocalDate last, Set<LocalDate> notFinal) {
        int months = 0;
        int days = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            YearMonth month = YearMonth.from(day);
            boolean whole = !month.atDay(1).isBefore(first) && !month.atEndOfMonth().isAfter(last);
            boolean monthFinal = notFinal.stream().noneMatch(d -> YearMonth.from(d).equals(month));
            if (whole && monthFinal) {
                months += day.equals(month.atEndOfMonth()) ? 1 : 0;
            } else if (!notFinal.contains(day)) {
                days++;
            }
        }
        return new int[]{months, days};
    }

    /**
     * What a report reads depends on the days and months it spans, not on the requests in them: once stored, one
     * summary item a whole month, one a whole day of the part months (in a Query each run), and requests only of
     * part days, days not yet final and recent days.
     */
    @Test
    void aReportReadsOneItemPerMonthAndPerDayOfPartMonthsAndNoRequestsOnceSummarized() {
        String area = "sanpu";
        Instant end = start(FIRST_DAY.plusDays(DAYS - 1)); // 3 December, before the recent days
        Set<LocalDate> notFinal = notFinalDays(area);
        String[][] periods = {
                {end.minus(Duration.ofDays(1)).toString(), end.toString()},     // a day
                {at("2026-10-01"), at("2026-11-01")},                           // a month
                {"2026-09-24T10:17:00Z", "2026-11-18T03:00:00Z"},               // mid-month to mid-month
                {end.minus(Duration.ofDays(30)).toString(), end.toString()},    // 30 days
                {end.minus(SlaReports.MAX_PERIOD).toString(), end.toString()}}; // a year, the longest allowed
        for (String[] period : periods) {
            Instant from = Instant.parse(period[0]);
            Instant to = Instant.parse(period[1]);
            LocalDate first = LocalDate.ofInstant(from.minusNanos(1), ServiceDates.ZONE).plusDays(1);
            LocalDate last = LocalDate.ofInstant(to, ServiceDates.ZONE).minusDays(1);
            int[] expected = summaryItems(first, last, notFinal);
            long open = notFinal.stream().filter(d -> !d.isBefore(first) && !d.isAfter(last)).count();
            Reads before = new Reads();
            assertSameAsFullRead(reports(table, before), area, period[0], period[1], SlaReports.GroupBy.TEAM);
            Reads next = new Reads();
            assertSameAsFullRead(reports(table, next), area, period[0], period[1], SlaReports.GroupBy.TEAM);
            String what = period[0] + ".." + period[1] + ", " + open + " days not final: " + next;
            assertEquals(expected[0], next.months.get(), what);
            assertEquals(expected[1], next.summaries.get(), what);
            assertEquals(0, next.stored.get() + next.storedMonths.get(), what);
            boolean partDays = !start(first).equals(from) || !start(last.plusDays(1)).equals(to);
            assertEquals(open > 0 || partDays, next.requests.get() > 0, what);
            System.out.println("SLA report " + period[0] + ".." + period[1] + ": first " + before + "; then " + next);
        }
    }

    /** Days stored before months existed: the first report over their whole month builds it from them alone. */
    @Test
    void monthsAreBuiltFromDaysStoredBeforeThem() {
        Reads halves = new Reads();
        assertSameAsFullRead(reports(table, halves), "wenhuilu", at("2026-10-01"), at("2026-10-16"), SlaReports.GroupBy.TEAM);
        assertSameAsFullRead(reports(table, halves), "wenhuilu", at("2026-10-16"), at("2026-11-01"), SlaReports.GroupBy.TEAM);
        assertEquals(31, halves.stored.get(), halves.toString());
        assertEquals(0, halves.storedMonths.get(), "no whole month in either half: " + halves);
        Reads month = new Reads();
        assertSameAsFullRead(reports(table, month), "wenhuilu", at("2026-10-01"), at("2026-11-01"), SlaReports.GroupBy.TEAM);
        assertEquals(0, month.requests.get(), month.toString());
        assertEquals(31, month.summaries.get(), month.toString());
        assertEquals(1, month.storedMonths.get(), month.toString());
        Reads next = new Reads();
        assertSameAsFullRead(reports(table, next), "wenhuilu", at("2026-10-01"), at("2026-11-01"), SlaReports.GroupBy.TEAM);
        assertEquals(1, next.months.get(), next.toString());
        assertEquals(0, next.summaries.get() + next.requests.get(), next.toString());
    }

    /** A store that finds nothing stored, as a report that read before another stored. */
    static SlaSummaryStore blind(SlaSummaryStore real) {
        return (SlaSummaryStore) Proxy.newProxyInstance(SlaSummaryStore.class.getClassLoader(),
                new Class<?>[]{SlaSummaryStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("days") || m.getName().equals("months")) {
                        return List.of();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Two reports that both found a month unsummarized build it twice, one from the stored days, the other (which
     * read before they were stored) from the requests: one item, the same value, counted once.
     */
    @Test
    void aMonthBuiltByTwoReportsAtOnceIsOneItemOfOneValue() {
        String from = at("2026-09-29");
        String to = at("2026-11-03");
        DynamoSlaSummaryStore real = new DynamoSlaSummaryStore(table.client(), table.name());
        assertSameAsFullRead(reports(table, new Reads()), "xibei-yimian", from, at("2026-10-16"), SlaReports.GroupBy.TEAM);
        assertSameAsFullRead(reports(table, new Reads()), "xibei-yimian", at("2026-10-16"), to, SlaReports.GroupBy.TEAM);
        Reads building = new Reads();
        assertSameAsFullRead(reports(table, building), "xibei-yimian", from, to, SlaReports.GroupBy.TEAM);
        assertEquals(1, building.storedMonths.get(), building.toString());
        assertEquals(0, building.requests.get(), "built from the stored days: " + building);
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("SLASUM#xibei-yimian"),
                "sk", AttributeValue.fromS("team#month#2026-10"));
        Map<String, AttributeValue> stored = table.client()
                .getItem(b -> b.tableName(table.name()).key(key).consistentRead(true)).item();
        Reads racing = new Reads();
        assertSameAsFullRead(reports(table, racing, blind(real)), "xibei-yimian", from, to, SlaReports.GroupBy.TEAM);
        assertEquals(1, racing.storedMonths.get(), racing.toString());
        assertEquals(stored, table.client().getItem(b -> b.tableName(table.name()).key(key).consistentRead(true)).item());
        assertEquals(1, real.months("xibei-yimian", "team", OCTOBER.minusMonths(1), OCTOBER.plusMonths(1)).size());
        Reads next = new Reads();
        assertSameAsFullRead(reports(table, next), "xibei-yimian", from, to, SlaReports.GroupBy.TEAM);
        assertEquals(1, next.months.get(), next.toString());
        assertEquals(0, next.stored.get() + next.storedMonths.get(), next.toString());
    }

    /**
     * A summary past DynamoDB's 400 KB item (a month of a large area by team: tens of thousands of distinct times) is
     * not stored, and a report reads its parts instead, as before summaries.
     */
    @Test
    void aSummaryTooLargeForOneItemIsNotStored() {
        Map<Long, Integer> seconds = new TreeMap<>();
        for (long s = 0; s < 40_000; s++) {
            seconds.put(1_000_000 + s * 7, 1);
        }
        SlaSummary large = SlaSummary.of(40_000, Map.of(SlaClock.RESPOND, 40_000), Map.of(SlaClock.RESPOND, 40_000),
                Map.of(SlaClock.RESPOND, seconds), 0, Duration.ZERO);
        DynamoSlaSummaryStore store = new DynamoSlaSummaryStore(table.client(), table.name());
        assertFalse(store.store("weiyang", "team", new SlaSummaryStore.MonthSummary(OCTOBER, Map.of("team-a", large), Map.of())));
        assertEquals(List.of(), store.months("weiyang", "team", OCTOBER, OCTOBER));
        SlaSummary small = SlaSummary.of(1, Map.of(), Map.of(), Map.of(SlaClock.RESPOND, Map.of(60L, 1)), 0, Duration.ZERO);
        assertTrue(store.store("weiyang", "team", new SlaSummaryStore.MonthSummary(OCTOBER, Map.of("team-a", small), Map.of())));
        assertEquals(1, store.months("weiyang", "team", OCTOBER, OCTOBER).size());
    }

    /** Days from before summaries existed: the first report over them reads their requests and stores them. */
    @Test
    void daysFromBeforeTheSummariesAreSummarizedByTheFirstReportThatReadsThem() {
        String from = day(0);
        String to = day(5);
        Reads first = new Reads();
        assertSameAsFullRead(reports(table, first), "wenhuilu", from, to, SlaReports.GroupBy.CATEGORY);
        assertTrue(first.requests.get() > 0, first.toString());
        assertEquals(5, first.stored.get(), first.toString());
        Reads next = new Reads();
        assertSameAsFullRead(reports(table, next), "wenhuilu", from, to, SlaReports.GroupBy.CATEGORY);
        assertEquals(0, next.requests.get(), next.toString());
        assertEquals(5, next.summaries.get(), next.toString());
    }

    /** A run that stops between two stored days loses nothing: the next report stores the rest, once. */
    @Test
    void aReportThatStopsBetweenWritesLosesNothingAndCountsNothingTwice() {
        String from = day(0);
        String to = day(12);
        DynamoSlaSummaryStore real = new DynamoSlaSummaryStore(table.client(), table.name());
        AtomicInteger writes = new AtomicInteger();
        SlaSummaryStore failing = (SlaSummaryStore) Proxy.newProxyInstance(SlaSummaryStore.class.getClassLoader(),
                new Class<?>[]{SlaSummaryStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("store") && writes.incrementAndGet() > 4) {
                        throw new StorageUnavailableException("the table went away", null);
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertThrows(StorageUnavailableException.class,
                () -> reports(table, new Reads(), failing).report(DISTRICT_ADMIN, from, to, "street", "xibei-yimian"));
        Reads resumed = new Reads();
        assertSameAsFullRead(reports(table, resumed), "xibei-yimian", from, to, SlaReports.GroupBy.STREET);
        long open = notFinalDays("xibei-yimian").stream().filter(d -> d.isBefore(FIRST_DAY.plusDays(12))).count();
        assertEquals(12 - open - 4, resumed.stored.get(), "the days left but those not final: " + resumed);
        assertEquals(4, resumed.summaries.get(), resumed.toString());
        assertEquals(12 - open, real.days("xibei-yimian", "street", FIRST_DAY, FIRST_DAY.plusDays(11)).size());
    }

    /** Two reports that both found a day unsummarized store it twice: one item, the same value, counted once. */
    @Test
    void aDaySummarizedTwiceAtOnceIsStoredOnceAndCountedOnce() {
        String from = day(0);
        String to = day(6);
        DynamoSlaSummaryStore real = new DynamoSlaSummaryStore(table.client(), table.name());
        assertSameAsFullRead(reports(table, new Reads()), "xinbei", from, to, SlaReports.GroupBy.STREET);
        Reads racing = new Reads();
        assertSameAsFullRead(reports(table, racing, blind(real)), "xinbei", from, to, SlaReports.GroupBy.STREET);
        assertEquals(6, racing.stored.get(), racing.toString());
        assertEquals(6, real.days("xinbei", "street", FIRST_DAY, FIRST_DAY.plusDays(5)).size());
        Reads next = new Reads();
        assertSameAsFullRead(reports(table, next), "xinbei", from, to, SlaReports.GroupBy.STREET);
        assertEquals(0, next.requests.get(), next.toString());
    }
}
