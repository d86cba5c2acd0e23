package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * The SLA report read from stored day summaries against the report read request by request (the oracle below),
 * over a mixed history of 40 Beijing days: requests served in time and late, declined and dispatched again,
 * held and resumed, escalated, cancelled (some with their contact erased weeks later), on service-hours clocks,
 * and on some days requests still open, on hold or resolved and not yet closed.
 */
@ExtendWith(DynaliteExtension.class)
class SlaSummariesTest {
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-10-05");
    static final int DAYS = 20;
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

    /** Days with requests that are not final by {@link #AS_OF}: they stay read request by request. */
    static boolean openDay(int day) {
        return day % 10 == 7;
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

    static final List<ServiceRequest> HISTORY = history(6, 1);

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

    /** Counts what a report reads: requests listed, summary items read, summaries stored. */
    static final class Reads {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger summaries = new AtomicInteger();
        final AtomicInteger stored = new AtomicInteger();

        @Override
        public String toString() {
            return requests + " requests, " + summaries + " summary items, " + stored + " stored";
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T counting(Class<T> port, T target, String method, AtomicInteger count, boolean pages) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, m, args) -> {
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (m.getName().equals(method)) {
                count.addAndGet(pages ? ((Page<?>) result).items().size() : result instanceof List<?> l ? l.size() : 1);
            }
            return result;
        });
    }

    /** A fresh container's report (nothing cached), counting its reads into {@code reads}. */
    static SlaReports reports(LocalTable table, Reads reads, SlaSummaryStore summaries) {
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(AS_OF));
        RequestRepository requests = counting(RequestRepository.class, desk.requests, "list", reads.requests, true);
        SlaSummaryStore store = counting(SlaSummaryStore.class,
                counting(SlaSummaryStore.class, summaries, "days", reads.summaries, false), "store", reads.stored, false);
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

    @Test
    void theReportFromDaySummariesEqualsTheFullReadForEveryAreaGroupingAndPeriod() throws Exception {
        String[][] periods = {
                {"2026-10-06T10:17:00Z", "2026-10-28T03:00:00Z"}, // part days at both ends, open and recent days
                {day(3), day(4)}};                                // one whole day
        String[][] cases = {{"weicheng", "team"}, {"weicheng", "street"}, {"weicheng", "category"}, {"xinbei", "team"}};
        for (int pass = 0; pass < 2; pass++) { // the first pass stores the summaries, the second reads them
            for (String[] c : cases) {
                for (String[] period : periods) {
                    Reads reads = new Reads();
                    assertSameAsFullRead(reports(table, reads), c[0], period[0], period[1], groupBy(c[1]));
                    if (pass == 1) {
                        assertEquals(0, reads.stored.get(), "nothing left to store: " + reads);
                    }
                }
            }
        }

        // a new calendar on the district: the days with service-hours clocks are read and stored again
        putCalendar(table, "weicheng", "local/demo/calendar-2026-sanpu.json");
        Reads recount = new Reads();
        assertSameAsFullRead(reports(table, recount), "weicheng", periods[0][0], periods[0][1], SlaReports.GroupBy.TEAM);
        assertTrue(recount.stored.get() > 0, recount.toString());
        Reads after = new Reads();
        assertSameAsFullRead(reports(table, after), "weicheng", periods[0][0], periods[0][1], SlaReports.GroupBy.TEAM);
        assertEquals(0, after.stored.get(), after.toString());
    }

    /**
     * What a report reads depends on the days it spans, not on the requests in them: once stored, one summary
     * item a whole day (in one Query), and requests only of part days, days not yet final and recent days.
     */
    @Test
    void aReportReadsOneSummaryItemPerDayAndNoRequestsOnceTheDaysAreSummarized() {
        String area = "sanpu";
        Instant end = start(FIRST_DAY.plusDays(DAYS - 1)); // before the recent days
        Set<LocalDate> notFinal = notFinalDays(area);
        for (int days : new int[]{1, 30, 92}) {
            Instant from = end.minus(Duration.ofDays(days));
            long open = notFinal.stream().filter(d -> !start(d).isBefore(from) && start(d).isBefore(end)).count();
            Reads first = new Reads();
            assertSameAsFullRead(reports(table, first), area, from.toString(), end.toString(), SlaReports.GroupBy.TEAM);
            Reads next = new Reads();
            assertSameAsFullRead(reports(table, next), area, from.toString(), end.toString(), SlaReports.GroupBy.TEAM);
            assertEquals(days - open, next.summaries.get(), days + " days, " + open + " not final: " + next);
            assertEquals(0, next.stored.get(), days + " days: " + next);
            assertEquals(open > 0, next.requests.get() > 0, days + " days, requests only of the days not final: " + next);
            System.out.println("SLA report over " + days + " days: first " + first + "; then " + next);
        }
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
        SlaSummaryStore blind = (SlaSummaryStore) Proxy.newProxyInstance(SlaSummaryStore.class.getClassLoader(),
                new Class<?>[]{SlaSummaryStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("days")) {
                        return List.of(); // as a report that read before the other stored
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertSameAsFullRead(reports(table, new Reads()), "xinbei", from, to, SlaReports.GroupBy.STREET);
        Reads racing = new Reads();
        assertSameAsFullRead(reports(table, racing, blind), "xinbei", from, to, SlaReports.GroupBy.STREET);
        assertEquals(6, racing.stored.get(), racing.toString());
        assertEquals(6, real.days("xinbei", "street", FIRST_DAY, FIRST_DAY.plusDays(5)).size());
        Reads next = new Reads();
        assertSameAsFullRead(reports(table, next), "xinbei", from, to, SlaReports.GroupBy.STREET);
        assertEquals(0, next.requests.get(), next.toString());
    }
}
