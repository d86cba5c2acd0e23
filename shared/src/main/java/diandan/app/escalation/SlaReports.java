package diandan.app.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import diandan.app.Together;
import diandan.app.registry.RegistryCache;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Registry;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaOutcome;
import diandan.domain.SlaSummary;
import diandan.domain.Validation;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.hours.ServiceDates;
import diandan.port.AreaScopes;
import diandan.port.Page;
import diandan.port.escalation.SlaSummaryStore;
import diandan.port.request.RequestQuery;
import diandan.port.request.RequestRepository;

/**
 * The SLA report: the requests submitted in a period within an area, grouped by team, street, category or district,
 * and how each group kept the three promises. An area above a district (a city, a province) is read district by
 * district, each from its own summaries, and their groups added.
 *
 * <p>Cost: whole Beijing days that ended at least {@link #SUMMARIZE_AFTER} ago are read from stored summaries
 * ({@link SlaSummaryStore}): the whole calendar months among them one item a month (one Query for all), the other
 * days one item a day (one Query a run of such days); a month without one is read day by day, and its summary stored
 * (the merge of its days') once every day of it is summarized. A day without one (or whose service calendars changed
 * since) is read request by request on the area's index ({@code ByCommunity}, {@code ByStreet} or {@code ByDistrict})
 * over its range of {@code listSort}, and its summary stored once all its requests are final (closed or cancelled),
 * whatever report reads it first: so days and months from before summaries existed need no backfill. The rest of the
 * period (its first and last part days, the recent days) is read request by request. A summary is a function of
 * final requests, never an increment: storing it again, or twice at once, stores the same value, so nothing counts
 * twice. The period is bounded by {@link #MAX_PERIOD}, and an area's districts times its days by
 * {@link #MAX_DISTRICT_DAYS}.
 */
public final class SlaReports {
    /** A year, a leap one too: the longest period one report reads. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);
    /**
     * The most districts × days one report reads: a year (366 days) of a city of ten districts, 120 month items of
     * ~123 KB (~15 MB) at a province-sized district's volume. A province of 100 districts gets 36 days; its year
     * (1,200 month items, ~150 MB) could not be fetched and parsed within the API's 30 s, so it is refused.
     */
    public static final long MAX_DISTRICT_DAYS = 10 * MAX_PERIOD.toDays();
    /** Requests per Query page; a page also ends at 1 MB. */
    static final int PAGE = 500;
    /**
     * How long after a day ends its summary may be stored: by then every request submitted in it is in the area's
     * index, which may lag the table, and no request can still be submitted into it.
     */
    static final Duration SUMMARIZE_AFTER = Duration.ofDays(1);
    /**
     * How many districts of a city's or a province's report are read at the same time: each read is a few round
     * trips one after another (a province's 100 districts in 10 waves), without holding 100 threads and connections.
     */
    static final int DISTRICTS_AT_ONCE = 10;

    public enum GroupBy {
        TEAM(ServiceRequest::teamId),
        STREET(r -> r.area().streetId()),
        CATEGORY(ServiceRequest::category),
        DISTRICT(r -> r.area().districtId());

        /** The group a request falls in; null for requests no team ever took (team). */
        final Function<ServiceRequest, String> key;

        GroupBy(Function<ServiceRequest, String> key) {
            this.key = key;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param groups by group key in key order; the null key (team: never taken by a team) last
     * @param asOf the moment clocks still running are judged at: overdue ones count as missed
     */
    public record Report(Instant from, Instant to, GroupBy groupBy, Area area, Instant asOf,
                         Map<String, SlaSummary> groups, SlaSummary total) {
    }

    private final RequestRepository requests;
    private final SlaSummaryStore summaries;
    private final RegistryCache registry;
    private final Function<String, Optional<ServiceCalendar>> calendars;
    private final Clock clock;

    /** @param calendars the service calendar in force for a community, if any: service-hours clocks count in it */
    public SlaReports(RequestRepository requests, SlaSummaryStore summaries, RegistryCache registry,
                      Function<String, Optional<ServiceCalendar>> calendars, Clock clock) {
        this.requests = requests;
        this.summaries = summaries;
        this.registry = registry;
        this.calendars = calendars;
        this.clock = clock;
    }

    public Report report(Caller caller, String fromText, String toText, String groupByText, String areaId) {
        Registry snapshot = registry.get();
        Area area = DeskArea.resolveAtAnyLevel(caller, snapshot, areaId);
        Validation v = new Validation();
        Instant from = v.optionalInstant("from", fromText);
        Instant to = v.optionalInstant("to", toText);
        if (fromText == null || fromText.isBlank()) {
            v.fail("from", "is required");
        }
        if (toText == null || toText.isBlank()) {
            v.fail("to", "is required");
        }
        List<Area> parts = area.type().isAboveDistrict()
                ? snapshot.districtsWithin(area.id()).stream().map(d -> snapshot.area(d).orElseThrow()).toList()
                : List.of(area);
        if (v.orderedEndExcluded(from, to)) {
            if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
                v.fail("to", "the period may span at most " + MAX_PERIOD.toDays() + " days");
            } else {
                refuseMoreThanOneReportReads(v, parts.size(), from, to);
            }
        }
        GroupBy groupBy = groupBy(v, groupByText);
        v.throwIfAny();

        Instant asOf = clock.instant();
        Map<String, SlaSummary> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (int wave = 0; wave < parts.size(); wave += DISTRICTS_AT_ONCE) {
            List<Area> waveParts = parts.subList(wave, Math.min(parts.size(), wave + DISTRICTS_AT_ONCE));
            List<Map<String, SlaSummary>> byPart = new ArrayList<>(Collections.nCopies(waveParts.size(), null));
            List<Runnable> reads = new ArrayList<>();
            for (int i = 0; i < waveParts.size(); i++) {
                int part = i;
                reads.add(() -> byPart.set(part, groups(waveParts.get(part), groupBy, from, to, asOf)));
            }
            Together.run(reads);
            byPart.forEach(part -> add(groups, part)); // folded wave by wave: a wave's districts are held, no more
        }
        SlaSummary total = new SlaSummary();
        groups.values().forEach(total::merge);
        return new Report(from, to, groupBy, area, asOf, groups, total);
    }

    /**
     * A period longer than {@link #MAX_DISTRICT_DAYS} over the area's districts would read more summaries than one
     * report can fetch and parse within the API's time: refused, naming the longest period this area may have.
     */
    private static void refuseMoreThanOneReportReads(Validation v, int districts, Instant from, Instant to) {
        long longestDays = MAX_DISTRICT_DAYS / Math.max(1, districts);
        if (Duration.between(from, to).compareTo(Duration.ofDays(longestDays)) > 0) {
            v.fail("to", "this area's " + districts + " districts may be reported over at most " + longestDays
                    + " days at once (from " + from + " to " + from.plus(Duration.ofDays(longestDays))
                    + " at the latest): ask for a narrower area or a shorter period");
        }
    }

    /**
     * One area's groups within a district, its whole days from their stored summaries: a city's or a province's
     * report adds its districts' own, so that a year of a city reads its districts' month items.
     */
    private Map<String, SlaSummary> groups(Area area, GroupBy groupBy, Instant from, Instant to, Instant asOf) {
        RequestQuery.Scope scope = AreaScopes.forArea(RequestQuery.Scope.class, area.type());
        Map<String, SlaSummary> groups = new HashMap<>();
        LocalDate first = firstDayFrom(from);
        LocalDate last = lastDayBefore(min(to, asOf.minus(SUMMARIZE_AFTER)));
        if (first.isAfter(last)) {
            add(groups, read(scope, area.id(), groupBy, from, to, asOf).groups);
        } else {
            add(groups, read(scope, area.id(), groupBy, from, start(first), asOf).groups);
            add(groups, summarized(scope, area.id(), groupBy, first, last, asOf));
            add(groups, read(scope, area.id(), groupBy, start(last.plusDays(1)), to, asOf).groups);
        }
        return groups;
    }

    /**
     * The whole days {@code first} to {@code last}, ended at least {@link #SUMMARIZE_AFTER} ago: the whole months
     * among them from their stored summaries, the other days, and the months not stored (or counted in calendars no
     * longer in force), day by day, each run of such days in one Query.
     */
    private Map<String, SlaSummary> summarized(RequestQuery.Scope scope, String areaId, GroupBy groupBy,
                                               LocalDate first, LocalDate last, Instant asOf) {
        Map<String, SlaSummary> groups = new HashMap<>();
        YearMonth firstMonth = YearMonth.from(first.minusDays(1)).plusMonths(1);
        YearMonth lastMonth = YearMonth.from(last.plusDays(1)).minusMonths(1);
        Set<YearMonth> stored = new HashSet<>();
        if (!firstMonth.isAfter(lastMonth)) {
            for (SlaSummaryStore.MonthSummary month : summaries.months(areaId, groupBy.code(), firstMonth, lastMonth)) {
                if (countedInCalendarsInForce(month.calendars())) {
                    add(groups, month.groups());
                    stored.add(month.month());
                }
            }
        }
        LocalDate runStart = null;
        for (LocalDate day = first; !day.isAfter(last.plusDays(1)); day = day.plusDays(1)) {
            boolean covered = day.isAfter(last) || stored.contains(YearMonth.from(day));
            if (covered && runStart != null) {
                add(groups, dayByDay(scope, areaId, groupBy, runStart, day.minusDays(1), firstMonth, lastMonth, asOf));
                runStart = null;
            } else if (!covered && runStart == null) {
                runStart = day;
            }
        }
        return groups;
    }

    /**
     * Days {@code first} to {@code last} from their stored summaries, or request by request (storing the summary of a
     * day whose requests are all final); and the summary of each whole month of the report among them whose every
     * day is summarized, stored: the merge of final days' summaries, so storing it again stores the same value.
     */
    private Map<String, SlaSummary> dayByDay(RequestQuery.Scope scope, String areaId, GroupBy groupBy, LocalDate first,
                                             LocalDate last, YearMonth firstMonth, YearMonth lastMonth, Instant asOf) {
        Map<String, SlaSummary> groups = new HashMap<>();
        Map<LocalDate, SlaSummaryStore.DaySummary> stored = new HashMap<>();
        summaries.days(areaId, groupBy.code(), first, last).forEach(day -> stored.put(day.day(), day));
        List<SlaSummaryStore.DaySummary> monthDays = new ArrayList<>(); // the final days of the month so far
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            SlaSummaryStore.DaySummary summary = stored.get(day);
            boolean isFinal = summary != null && countedInCalendarsInForce(summary.calendars());
            if (!isFinal) {
                Read read = read(scope, areaId, groupBy, start(day), start(day.plusDays(1)), asOf);
                summary = new SlaSummaryStore.DaySummary(day, read.groups, read.calendars);
                isFinal = read.allFinal;
                if (isFinal) {
                    summaries.store(areaId, groupBy.code(), summary);
                }
            }
            add(groups, summary.groups());
            if (day.getDayOfMonth() == 1) {
                monthDays.clear();
            }
            if (isFinal) {
                monthDays.add(summary);
            }
            YearMonth month = YearMonth.from(day);
            if (monthDays.size() == month.lengthOfMonth() && !month.isBefore(firstMonth) && !month.isAfter(lastMonth)) {
                summaries.store(areaId, groupBy.code(), month(month, monthDays));
            }
        }
        return groups;
    }

    /** A month's summary: the merge of its days' summaries. */
    private static SlaSummaryStore.MonthSummary month(YearMonth month, List<SlaSummaryStore.DaySummary> days) {
        Map<String, SlaSummary> groups = new HashMap<>();
        Map<String, String> calendars = new HashMap<>();
        for (SlaSummaryStore.DaySummary day : days) {
            add(groups, day.groups());
            calendars.putAll(day.calendars());
        }
        return new SlaSummaryStore.MonthSummary(month, groups, calendars);
    }

    /** The requests of {@code [from, to)}, by group; what nothing final needs no summary of its own. */
    private static final class Read {
        final Map<String, SlaSummary> groups = new HashMap<>();
        final Map<String, String> calendars = new HashMap<>();
        boolean allFinal = true;
    }

    private Read read(RequestQuery.Scope scope, String areaId, GroupBy groupBy, Instant from, Instant to,
                      Instant asOf) {
        Read read = new Read();
        if (!from.isBefore(to)) {
            return read;
        }
        String cursor = null;
        do {
            Page<ServiceRequest> page = requests.list(new RequestQuery(scope, areaId, null, null, null, null, null,
                    from, to, PAGE, cursor));
            for (ServiceRequest request : page.items()) {
                String community = request.area().communityId();
                Optional<ServiceCalendar> calendar = calendars.apply(community);
                read.groups.computeIfAbsent(groupBy.key.apply(request), k -> new SlaSummary()).add(request, asOf, calendar);
                if (request.sla().timeBases().countsServiceHours()) {
                    read.calendars.computeIfAbsent(community, c -> ServiceCalendar.fingerprint(calendar));
                }
                read.allFinal &= SlaOutcome.isFinal(request);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return read;
    }

    /** Service-hours clocks count in the calendar in force now: a summary counted in another one is stale. */
    private boolean countedInCalendarsInForce(Map<String, String> countedIn) {
        return countedIn.entrySet().stream()
                .allMatch(c -> ServiceCalendar.fingerprint(calendars.apply(c.getKey())).equals(c.getValue()));
    }

    private static void add(Map<String, SlaSummary> groups, Map<String, SlaSummary> more) {
        more.forEach((key, summary) -> groups.computeIfAbsent(key, k -> new SlaSummary()).merge(summary));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ServiceDates.ZONE).toInstant();
    }

    /** The first Beijing day that starts at or after {@code at}. */
    private static LocalDate firstDayFrom(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ServiceDates.ZONE);
        return start(day).isBefore(at) ? day.plusDays(1) : day;
    }

    /** The last Beijing day that ends at or before {@code at}. */
    private static LocalDate lastDayBefore(Instant at) {
        return LocalDate.ofInstant(at, ServiceDates.ZONE).minusDays(1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static GroupBy groupBy(Validation v, String text) {
        String value = v.requiredText("groupBy", text, 20);
        Optional<GroupBy> groupBy = Optional.ofNullable(value).flatMap(code -> Arrays.stream(GroupBy.values())
                .filter(g -> g.code().equals(code)).findFirst());
        if (value != null && groupBy.isEmpty()) {
            v.fail("groupBy", "must be team, street, category or district");
        }
        return groupBy.orElse(null);
    }
}
