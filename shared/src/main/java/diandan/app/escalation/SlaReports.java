package diandan.app.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import diandan.app.registry.RegistryCache;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaSummary;
import diandan.domain.Validation;
import diandan.domain.calendar.ServiceCalendar;
import diandan.port.AreaScopes;
import diandan.port.Page;
import diandan.port.request.RequestQuery;
import diandan.port.request.RequestRepository;

/**
 * The SLA report: the requests submitted in a period within an area, grouped by team, street or category, and
 * how each group kept the three promises.
 *
 * <p>Cost: one Query on the area's index ({@code ByCommunity}, {@code ByStreet} or {@code ByDistrict}) over
 * the period's range of {@code listSort}, page after page; it reads every request of the period in the area
 * once (read units: their total size / 4 KB / 2, eventually consistent) and nothing else. The period is bounded
 * by {@link #MAX_PERIOD} so that a report stays within the function's timeout.
 */
public final class SlaReports {
    /** A quarter: the longest period one report reads. */
    public static final Duration MAX_PERIOD = Duration.ofDays(92);
    /** Requests per Query page; a page also ends at 1 MB. */
    static final int PAGE = 500;

    public enum GroupBy {
        TEAM(ServiceRequest::teamId),
        STREET(r -> r.area().streetId()),
        CATEGORY(ServiceRequest::category);

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
    private final RegistryCache registry;
    private final Function<String, Optional<ServiceCalendar>> calendars;
    private final Clock clock;

    /** @param calendars the service calendar in force for a community, if any: service-hours clocks count in it */
    public SlaReports(RequestRepository requests, RegistryCache registry,
                      Function<String, Optional<ServiceCalendar>> calendars, Clock clock) {
        this.requests = requests;
        this.registry = registry;
        this.calendars = calendars;
        this.clock = clock;
    }

    public Report report(Caller caller, String fromText, String toText, String groupByText, String areaId) {
        Area area = DeskArea.resolve(caller, registry.get(), areaId);
        Validation v = new Validation();
        Instant from = v.optionalInstant("from", fromText);
        Instant to = v.optionalInstant("to", toText);
        if (fromText == null || fromText.isBlank()) {
            v.fail("from", "is required");
        }
        if (toText == null || toText.isBlank()) {
            v.fail("to", "is required");
        }
        if (v.orderedEndExcluded(from, to) && Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            v.fail("to", "the period may span at most " + MAX_PERIOD.toDays() + " days");
        }
        GroupBy groupBy = groupBy(v, groupByText);
        v.throwIfAny();

        Instant asOf = clock.instant();
        Map<String, SlaSummary> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        SlaSummary total = new SlaSummary();
        RequestQuery.Scope scope = AreaScopes.forArea(RequestQuery.Scope.class, area.type());
        String cursor = null;
        do {
            Page<ServiceRequest> page = requests.list(new RequestQuery(scope, area.id(), null, null, null, null, null,
                    from, to, PAGE, cursor));
            for (ServiceRequest request : page.items()) {
                Optional<ServiceCalendar> calendar = calendars.apply(request.area().communityId());
                groups.computeIfAbsent(groupBy.key.apply(request), k -> new SlaSummary()).add(request, asOf, calendar);
                total.add(request, asOf, calendar);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new Report(from, to, groupBy, area, asOf, groups, total);
    }

    private static GroupBy groupBy(Validation v, String text) {
        String value = v.requiredText("groupBy", text, 20);
        Optional<GroupBy> groupBy = Optional.ofNullable(value).flatMap(code -> Arrays.stream(GroupBy.values())
                .filter(g -> g.code().equals(code)).findFirst());
        if (value != null && groupBy.isEmpty()) {
            v.fail("groupBy", "must be team, street or category");
        }
        return groupBy.orElse(null);
    }
}
