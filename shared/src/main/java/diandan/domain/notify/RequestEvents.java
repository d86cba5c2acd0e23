package diandan.domain.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import diandan.domain.BreachWarning;
import diandan.domain.SlaClock;
import diandan.domain.ServiceRequest;
import diandan.domain.TimelineEntry;

/**
 * The events one write of a request announces: one per timeline entry the write added. Both versions are at
 * hand when the write is made, so the team an event concerns and the level of an escalation come from them,
 * not from the entries' words; a warning's level is that of the clock it warns of, whose code its entry holds.
 */
public final class RequestEvents {
    private RequestEvents() {
    }

    /** The id of the event announcing the request's timeline entry at {@code index}. */
    public static String eventId(String requestId, int index) {
        return requestId + "." + index;
    }

    /**
     * @param before the version the write replaces, null for a new request
     * @param after  the version it writes
     */
    public static List<DomainEvent> between(ServiceRequest before, ServiceRequest after) {
        List<TimelineEntry> timeline = after.timeline();
        int from = before == null ? 0 : before.timeline().size();
        Iterator<SlaClock> escalatedNow = newlyEscalated(before, after).iterator();
        List<DomainEvent> events = new ArrayList<>();
        for (int index = from; index < timeline.size(); index++) {
            TimelineEntry entry = timeline.get(index);
            EventType type = EventType.ofTimeline(entry.type()).orElse(null);
            if (type == null) {
                continue;
            }
            String team = type.teamSide == EventType.TeamSide.LEFT && before != null ? before.teamId() : after.teamId();
            int level = type == EventType.ESCALATED && escalatedNow.hasNext() ? escalatedNow.next().escalationLevel
                    : type == EventType.WARNED ? BreachWarning.clockOf(entry).escalationLevel : 0;
            String id = eventId(after.id(), index);
            events.add(new DomainEvent(id, type, after.id(), team, level, entry.at()));
            if (type == EventType.RESOLVED) {
                events.add(new DomainEvent(id + ".rating", EventType.RATING_INVITED, after.id(), team, 0, entry.at()));
            }
        }
        return events;
    }

    /** The clocks this write escalated, in the order the sweeper escalates them: earliest deadline first. */
    private static List<SlaClock> newlyEscalated(ServiceRequest before, ServiceRequest after) {
        return Arrays.stream(SlaClock.values())
                .filter(clock -> after.sla().escalated().contains(clock)
                        && (before == null || !before.sla().escalated().contains(clock)))
                .sorted(Comparator.comparing(after.sla()::deadline))
                .toList();
    }
}
