package diandan.app.calendar;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.app.registry.RegistryCache;
import diandan.app.Snapshot;
import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.calendar.AreaCalendar;
import diandan.domain.calendar.ServiceCalendar;
import diandan.port.calendar.CalendarRepository;

/**
 * The areas' service calendars, kept as a {@link Snapshot} like the clock policy, so that starting a clock
 * costs no read: anyone signed in reads the one in force for an area, an admin sets an area's own.
 */
public final class ServiceCalendars {
    private final CalendarRepository repository;
    private final RegistryCache registry;
    private final Snapshot<Map<String, ServiceCalendar>> snapshot;

    public ServiceCalendars(CalendarRepository repository, RegistryCache registry, Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.snapshot = new Snapshot<>(repository::all, clock);
    }

    /** The calendar in force for {@code areaId}: its own or inherited; empty when no area up the tree has one. */
    public Optional<AreaCalendar> inForce(String areaId) {
        return AreaCalendar.effective(areaId, snapshot.get(), registry.get());
    }

    /** What a signed-in caller reads: 404 for an unknown area, and for one with no calendar in force. */
    public AreaCalendar read(Caller caller, String areaId) {
        requireArea(areaId);
        return inForce(areaId).orElseThrow(() -> Problem.notFound("calendar for area " + areaId));
    }

    /**
     * An admin of the area (or of one above it) sets the area's own calendar, replacing the one it had and overriding
     * any above it.
     */
    public AreaCalendar put(Caller caller, String areaId, String zone, Map<String, List<String>> weekly,
                            List<String> holidays, List<String> makeUpWorkdays) {
        requireArea(areaId);
        Access.requireAdminWithin(caller, List.of(areaId), registry.get());
        ServiceCalendar calendar = ServiceCalendar.of(zone, weekly, holidays, makeUpWorkdays);
        repository.put(areaId, calendar);
        snapshot.invalidate();
        return new AreaCalendar(areaId, calendar);
    }

    /**
     * An admin of the area (or of one above it) removes the area's own calendar, so that it inherits the one above
     * again: 404 when it has none of its own, so a retry after a lost answer is told there was nothing left to
     * remove. Running clocks keep the deadlines they were given, as when a calendar is set.
     */
    public void remove(Caller caller, String areaId) {
        requireArea(areaId);
        Access.requireAdminWithin(caller, List.of(areaId), registry.get());
        if (!repository.remove(areaId)) {
            throw Problem.notFound("calendar of area " + areaId + " itself");
        }
        snapshot.invalidate();
    }

    private void requireArea(String areaId) {
        if (registry.get().area(areaId).isEmpty()) {
            throw Problem.notFound("area " + areaId);
        }
    }
}
