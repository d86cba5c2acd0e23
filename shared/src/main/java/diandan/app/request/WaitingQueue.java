package diandan.app.request;

import java.time.Instant;
import java.util.Optional;

import diandan.app.registry.RegistryCache;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.RoutingOrder;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.TimelineEntry;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.StorageUnavailableException;
import diandan.port.request.RequestRepository;
import diandan.port.request.TeamLoadRepository;

/**
 * The waiting queue (the unrouted requests) drained into a team's free places: what a team takes from the queue
 * when it has room, decided here and nowhere else.
 *
 * <p>The rule: a team that has room takes the longest-waiting (oldest) unrouted requests it may take by
 * {@link RoutingOrder#eligibility}, the routing rule itself (category served, community covered, active, not had
 * before, below capacity), at once; at most as many as the event that made the room freed, and never more than its
 * load, read consistently after that event, leaves free. So parallel events for one team never fill it beyond
 * capacity: each takes at most the places it freed itself and never more than the load shows free.
 *
 * <p>Exactly once without transactions: the queue is read from its index, a copy that may lag a write, so a
 * copy only nominates a candidate: the request is read again from the table, judged on that version, and
 * dispatched by a write conditional on it (version and status). Two teams that nominate the same request: one
 * write wins, the other goes on with its next candidate. A stale copy costs the same, a look at the next
 * candidate, never a wrong routing.
 */
final class WaitingQueue {
    /** Requests one event routes at most, so that a large capacity raise stays a short call. */
    static final int MAX_PLACES = 20;
    /** Queue entries read per page, and pages per event: the read stays bounded however long the queue grows. */
    static final int PAGE = 100;
    static final int MAX_PAGES = 3;

    /** A conditional write of a request's next version, as {@link RequestChanges#replace} makes it. */
    interface Writer {
        /** @throws ConcurrentChangeException when the stored request is no longer {@code current} */
        void replace(ServiceRequest current, ServiceRequest next);
    }

    private final RequestRepository requests;
    private final RegistryCache registry;
    private final TeamLoadRepository loads;

    WaitingQueue(RequestRepository requests, RegistryCache registry, TeamLoadRepository loads) {
        this.requests = requests;
        this.registry = registry;
        this.loads = loads;
    }

    /**
     * Routes to the team up to {@code places} of the longest-waiting requests it may take.
     *
     * @param why what made the room, for the timeline ("a place came free")
     * @return how many it routed
     */
    int fill(String teamId, int places, String why, Instant at, Writer writer) {
        return fill(teamId, places, why, at, writer, null);
    }

    /**
     * The queue's first page, read ahead: the Query a place coming free starts with, made at the same time as the
     * writes that free it.
     */
    Page<ServiceRequest> firstPage() {
        return requests.waiting(PAGE, null);
    }

    /** As {@link #fill(String, int, String, Instant, Writer)}, starting from the first page if read ahead (else null). */
    int fill(String teamId, int places, String why, Instant at, Writer writer, Page<ServiceRequest> firstPage) {
        Optional<Team> found = registry.get().team(teamId);
        if (found.isEmpty() || places <= 0) {
            return 0;
        }
        Team team = found.get();
        int wanted = Math.min(places, MAX_PLACES);
        int taken = 0;
        try {
            TeamLoad load = null;
            String cursor = null;
            for (int pages = 0; pages < MAX_PAGES && taken < wanted; pages++) {
                Page<ServiceRequest> page = pages == 0 && firstPage != null ? firstPage : requests.waiting(PAGE, cursor);
                if (load == null && !page.items().isEmpty()) {
                    load = loads.load(teamId); // read after the change that made the room, and only if some wait
                }
                for (ServiceRequest copy : page.items()) {
                    TeamLoad now = new TeamLoad(teamId, load.openCount() + taken, load.lastDispatchedAt());
                    RoutingOrder.Eligibility nominated = RoutingOrder.eligibility(team, copy, now);
                    if (nominated == RoutingOrder.Eligibility.PAUSED || nominated == RoutingOrder.Eligibility.FULL) {
                        return taken; // nothing in the queue can go to it now
                    }
                    if (nominated == RoutingOrder.Eligibility.ELIGIBLE && take(team, copy.id(), now, why, at, writer)) {
                        taken++;
                        if (taken == wanted) {
                            return taken;
                        }
                    }
                }
                cursor = page.nextCursor();
                if (cursor == null) {
                    break;
                }
            }
        } catch (StorageUnavailableException fault) {
            // The change that made the room is written and settled; the requests not routed now stay in the queue
            // (dispatchers see them, their alerts are raised) for the next place that comes free.
        }
        return taken;
    }

    /** Reads the nominated request from the table and dispatches it if it still waits and the team may take it. */
    private boolean take(Team team, String id, TeamLoad load, String why, Instant at, Writer writer) {
        Optional<ServiceRequest> current = requests.find(id);
        if (current.isEmpty() || current.get().status() != RequestStatus.UNROUTED
                || RoutingOrder.eligibility(team, current.get(), load) != RoutingOrder.Eligibility.ELIGIBLE) {
            return false;
        }
        ServiceRequest next = RequestLifecycle.dispatch(current.get(), team.id(), TimelineEntry.SYSTEM,
                "routed from the waiting queue as " + why + ", load " + load.of(team.capacity())
                        + ", the longest-waiting request it can take", at);
        try {
            writer.replace(current.get(), next);
            return true;
        } catch (ConcurrentChangeException takenMeanwhile) {
            return false; // another team took it, or it changed: the next candidate
        }
    }
}
