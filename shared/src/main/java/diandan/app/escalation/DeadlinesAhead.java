package diandan.app.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Registry;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.Validation;
import diandan.port.escalation.DueIndex;
import diandan.port.request.RequestRepository;

/**
 * The dispatch desk's "will breach within N minutes" list: every running clock (respond, reply, resolve) of an
 * open request in the desk's area whose deadline falls after now and no later than N minutes from now, soonest
 * first. A held clock stands still and is not listed; a deadline already passed is not listed either: the
 * sweeper escalates it within its minute, and from then on it is an alert.
 *
 * <p>No scan: a request's next due moment is never later than the deadline of any clock it has running
 * ({@link ServiceRequest#nextDue}), so every clock that falls due within the window is found among the due
 * index's entries up to the window's end, read by range from where the sweeper reads ({@link Sweeper#firstHour}),
 * in the partition of the area's district ({@link DueIndex#dueIn}; the area is never above a district). The index
 * is a copy that may lag: each entry's request is read again and decides what is listed. The cost is the
 * district's entries due up to the window's end and one read of each such request, whatever the deployment holds.
 */
public final class DeadlinesAhead {
    /** The longest window a desk may ask for: four hours, enough for the reply clocks and a shift's resolutions. */
    public static final int MAX_MINUTES = 240;

    /** One clock that falls due within the window: whole minutes left, rounded down. */
    public record Item(ServiceRequest request, SlaClock clock, Instant deadline, long minutesLeft) {
    }

    /** The list for an area, as of {@code at}, {@code within} minutes ahead. */
    public record Listing(Area area, Instant at, int within, List<Item> items) {
    }

    private final RequestRepository requests;
    private final DueIndex due;
    private final RegistryCache registry;
    private final Clock clock;

    public DeadlinesAhead(RequestRepository requests, DueIndex due, RegistryCache registry, Clock clock) {
        this.requests = requests;
        this.due = due;
        this.registry = registry;
        this.clock = clock;
    }

    public Listing list(Caller caller, String within, String areaId) {
        Access.requireDesk(caller);
        Validation v = new Validation();
        int minutes = minutes(v, within);
        v.throwIfAny();
        Registry areas = registry.get();
        Area area = DeskArea.resolve(caller, areas, areaId);
        Instant now = clock.instant();
        Instant end = now.plus(Duration.ofMinutes(minutes));
        String district = areas.districtOf(area.id()).orElseThrow(
                () -> new IllegalStateException("desk area " + area.id() + " lies in no district"));
        Instant nowHour = now.truncatedTo(ChronoUnit.HOURS);
        List<Item> items = new ArrayList<>();
        for (DueIndex.Entry entry : due.dueIn(district, Sweeper.firstHour(due.watermark(), nowHour, nowHour), end)) {
            requests.find(entry.requestId()).filter(r -> r.status().isOpen() && areas.covers(area.id(), r.area()))
                    .ifPresent(request -> items.addAll(fallingDue(request, now, end)));
        }
        items.sort(Comparator.comparing(Item::deadline).thenComparing(item -> item.request().id())
                .thenComparing(Item::clock));
        return new Listing(area, now, minutes, List.copyOf(items));
    }

    private static List<Item> fallingDue(ServiceRequest request, Instant now, Instant end) {
        List<Item> items = new ArrayList<>();
        for (SlaClock clock : SlaClock.values()) {
            Instant deadline = request.sla().deadline(clock);
            if (request.sla().isRunning(clock) && deadline.isAfter(now) && !deadline.isAfter(end)) {
                items.add(new Item(request, clock, deadline, Duration.between(now, deadline).toMinutes()));
            }
        }
        return items;
    }

    private static int minutes(Validation v, String within) {
        String text = v.requiredText("within", within, 10);
        if (text == null) {
            return 0;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_MINUTES) {
            v.fail("within", "must be a whole number of minutes from 1 to " + MAX_MINUTES);
            return 0;
        }
        return Integer.parseInt(text);
    }
}
