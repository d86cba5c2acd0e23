package diandan.app.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import diandan.app.notify.EventOutbox;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Alert;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.calendar.ServiceCalendar;
import diandan.port.ConcurrentChangeException;
import diandan.port.escalation.AlertRepository;
import diandan.port.menu.ProjectRatings;
import diandan.port.request.PendingSettlements;
import diandan.port.request.RequestRepository;
import diandan.port.request.TeamLoadRepository;
import diandan.port.request.TeamLoadRepository.Counting;

/**
 * Every write of a request goes through here, so that what must follow a write always follows it: the loads
 * of the teams it has been with are brought in line with the stored version, and a request that is unrouted
 * raises its alert.
 *
 * <p>Why loads stay exact without transactions: the request item is the truth (it counts against the team it
 * is with while dispatched, accepted or in service). After each write, every team the request has ever been
 * with is told, with the request's version, whether that version counts against it ({@link #settle}). A team's
 * load keeps the latest version it heard of per request, so repeating, reordering or racing these records
 * cannot double-count or resurrect. A crash between the request write and these records leaves them one
 * version behind until the next write of the request, or until a retry of the crashed call, which finds the
 * change made and answers 409: a 409 settles the stored version before it is answered.
 *
 * <p>A change that takes a request off a team's load (resolved, cancelled, declined, dispatched away) frees a
 * place there, and the team takes the longest-waiting request it may from the queue at once ({@link WaitingQueue}).
 * The sweeper's re-routing away from a silent team ({@link #replace}) does not: that team has just shown it does
 * not answer, and the sweep's reads stay bounded by what is due.
 *
 * <p>A new request is different: no later write may come to repair it, and a client whose call failed may never
 * retry. So its creation is noted ({@link PendingSettlements}) before the request is written and the note taken
 * out once it is settled; a call that stops in between, or whose request write has an unknown outcome, leaves
 * the note, and the schedule settles the request if it was written ({@link #settleInterrupted}).
 *
 * <p>A request that leaves the open states gives its submitter's open slot back ({@link ResidentLimits}), here
 * for every such transition, whichever call makes it.
 *
 * <p>A rating of a request ordered from the menu is added to its project's tally when the rated version is
 * settled, and again (changing nothing) by any repair of it, so that a retry of a rating whose call stopped after
 * its write finishes the tally ({@link ProjectRatings}).
 *
 * <p>Every write announces what it changed on the event bus through the {@link EventOutbox}: its events are
 * noted before the write and published once it is made, so that no write is made unannounced.
 */
public final class RequestChanges {
    /** A submission's call ends within seconds (the function's timeout): a note older than this is left over. */
    static final Duration CALL_ENDED = Duration.ofMinutes(1);
    /** Notes handled per run of the schedule; more wait for the next. */
    static final int SETTLE_BATCH = 100;

    private final RequestRepository requests;
    private final TeamLoadRepository loads;
    private final AlertRepository alerts;
    private final WaitingQueue waiting;
    private final RegistryCache registry;
    private final ResidentLimits limits;
    private final PendingSettlements pending;
    private final EventOutbox events;
    private final ProjectRatings projectRatings;
    private final Clock clock;

    public RequestChanges(RequestRepository requests, TeamLoadRepository loads, AlertRepository alerts,
                          RegistryCache registry, ResidentLimits limits, PendingSettlements pending,
                          EventOutbox events, ProjectRatings projectRatings, Clock clock) {
        this.requests = requests;
        this.loads = loads;
        this.alerts = alerts;
        this.waiting = new WaitingQueue(requests, registry, loads);
        this.registry = registry;
        this.limits = limits;
        this.pending = pending;
        this.events = events;
        this.projectRatings = projectRatings;
        this.clock = clock;
    }

    /**
     * Stores a new request and settles it. When its id exists already (a retried submission), settles the stored
     * one instead (the first attempt may have stopped after its write) and returns it as replayed.
     */
    public Submission create(ServiceRequest request) {
        boolean settling = needsSettling(request);
        if (settling) {
            pending.note(request.id(), clock.instant());
        }
        EventOutbox.Held announced = events.hold(null, request);
        if (requests.create(request)) {
            events.release(announced);
            settle(request, request.loadTeam().orElse(null));
            if (settling) {
                pending.done(request.id());
            }
            return new Submission(request, false);
        }
        events.abandon(announced);
        ServiceRequest earlier = retried(request.id()).orElseThrow(() -> new ConcurrentChangeException(request.id()));
        return new Submission(earlier, true);
    }

    /**
     * The stored request a retried submission names, if any, settled: the first attempt may have stopped after
     * its write.
     */
    public Optional<ServiceRequest> retried(String id) {
        Optional<ServiceRequest> earlier = requests.find(id);
        earlier.ifPresent(stored -> {
            repair(stored);
            pending.done(id);
        });
        return earlier;
    }

    /**
     * Finishes the creations whose call stopped between noting them and settling them (see {@link #create}): a
     * request that was written is settled (its team's load, its unrouted alert), once; a note whose request was
     * never written is dropped once its call has ended, for then it never will be. Run on the schedule.
     *
     * @return how many written requests it settled
     */
    public int settleInterrupted() {
        Instant ended = clock.instant().minus(CALL_ENDED);
        int settled = 0;
        for (PendingSettlements.Note note : pending.waiting(SETTLE_BATCH)) {
            if (!note.at().isBefore(ended)) {
                continue; // its call may still be writing or settling the request
            }
            Optional<ServiceRequest> stored = requests.find(note.requestId());
            stored.ifPresent(this::repair);
            pending.done(note.requestId());
            settled += stored.isPresent() ? 1 : 0;
        }
        return settled;
    }

    /** Whether {@link #settle} has anything to write for this version: a team's load, or the unrouted alert. */
    private static boolean needsSettling(ServiceRequest request) {
        return !request.teamHistory().isEmpty() || request.status() == RequestStatus.UNROUTED;
    }

    public ServiceRequest load(String id) {
        if (!Ids.isWellFormed(id)) {
            throw Problem.notFound("request " + id);
        }
        return requests.find(id).orElseThrow(() -> Problem.notFound("request " + id));
    }

    /** A change by someone who must be able to read the request (else 404). */
    public ServiceRequest change(Caller caller, String id, Long ifMatch, UnaryOperator<ServiceRequest> transition) {
        return change(id, ifMatch, request -> Access.requireRead(caller, request, registry.get()), transition);
    }

    /**
     * Loads, lets {@code mayTouch} (the caller's access rule, from {@link Access}) refuse, checks the client's
     * expected version, applies one change, writes it conditionally and settles it. A concurrent change between the read
     * and the write makes this one lose with a 409, nothing written. A transition that returns the request as it is
     * (a retry of a change already made) writes nothing. A place the change frees on a team goes to the queue.
     */
    public ServiceRequest change(String id, Long ifMatch, Consumer<ServiceRequest> mayTouch,
                                 UnaryOperator<ServiceRequest> transition) {
        ServiceRequest current = load(id);
        ServiceRequest next;
        try {
            mayTouch.accept(current);
            if (ifMatch != null && ifMatch != current.version()) {
                throw Problem.conflict("request " + id + " is at version " + current.version() + ", not " + ifMatch);
            }
            next = transition.apply(current);
        } catch (Problem refused) {
            if (refused.kind() == Problem.Kind.CONFLICT) {
                // what a retry sees when its first attempt made the change and then failed: finish that attempt
                repair(current);
            }
            throw refused;
        }
        if (next == current) {
            // nothing to change (a retried reply): finish what the first attempt may have left undone
            repair(current);
            return current;
        }
        try {
            write(current, next);
        } catch (ConcurrentChangeException lost) {
            throw Problem.conflict("request " + id + " was changed at the same time; reload it and try again");
        }
        settleChange(current, next);
        String counted = next.loadTeam().orElse(null);
        current.loadTeam().filter(left -> !left.equals(counted))
                .ifPresent(left -> waiting.fill(left, 1, "a place came free", clock.instant(), this::replace));
        return next;
    }

    /**
     * Writes a change the system made (the sweeper's escalation) from {@code current} as it read it, and
     * settles it.
     *
     * @throws ConcurrentChangeException when the stored request is no longer {@code current}: nothing written
     */
    public void replace(ServiceRequest current, ServiceRequest next) {
        write(current, next);
        settleChange(current, next);
    }

    /** Writes {@code next} over {@code current}, announcing it: the one place a request is replaced. */
    private void write(ServiceRequest current, ServiceRequest next) {
        EventOutbox.Held announced = events.hold(current, next);
        try {
            requests.replace(current, next);
        } catch (ConcurrentChangeException lost) {
            events.abandon(announced);
            throw lost;
        }
        events.release(announced);
    }

    /**
     * A team's definition changed (created, capacity raised, resumed, ...): every free place it has takes a
     * waiting request it may take.
     *
     * @param why what changed, for the timeline of the requests routed
     * @return how many were routed to it
     */
    public int fillFreePlaces(String teamId, String why) {
        return waiting.fill(teamId, Integer.MAX_VALUE, why, clock.instant(), this::replace);
    }

    private void settleChange(ServiceRequest current, ServiceRequest next) {
        String counted = next.loadTeam().orElse(null);
        settle(next, counted != null && !counted.equals(current.loadTeam().orElse(null)) ? counted : null);
        if (current.status().isOpen() && !next.status().isOpen()) {
            limits.release(next);
        }
    }

    /**
     * Makes what follows from a stored version true; idempotent, so it may run again for the same version.
     *
     * @param newlyDispatchedTo the team this version was just dispatched to, recorded as the team's latest
     *                          dispatch (routing's tie-break, which no count depends on); null when it was not,
     *                          or when that is not known because an earlier call wrote the version
     */
    void settle(ServiceRequest stored, String newlyDispatchedTo) {
        Instant at = clock.instant();
        for (String team : stored.teamHistory()) {
            loads.record(team, stored.id(), stored.version(), Counting.of(stored, team),
                    team.equals(newlyDispatchedTo) ? at : null, at);
        }
        raiseUnroutedAlert(stored, at);
        tallyProjectRating(stored);
    }

    /**
     * Settles the request as stored now (a repair): for a write whose settling may have failed half-way, such as
     * an escalation whose sweep stopped after writing the request. A request that does not exist needs nothing.
     */
    public void settleStored(String id) {
        requests.find(id).ifPresent(this::repair);
    }

    /**
     * What a retry does for a stored version an earlier call wrote: the same as {@link #settle}, except that a
     * team's long-finished record is not written again (a refused retry changes nothing that was in order).
     */
    private void repair(ServiceRequest stored) {
        Instant at = clock.instant();
        for (String team : stored.teamHistory()) {
            loads.repair(team, stored.id(), stored.version(), Counting.of(stored, team), at);
        }
        raiseUnroutedAlert(stored, at);
        tallyProjectRating(stored);
        if (!stored.status().isOpen()) {
            limits.release(stored);
        }
    }

    /** A rated project order's rating, in its project's tally for the month (Beijing) it was given; once. */
    private void tallyProjectRating(ServiceRequest stored) {
        if (stored.rating() != null && stored.menuOrder() != null && stored.menuOrder().ordered()) {
            projectRatings.record(stored.menuOrder().projectId(),
                    YearMonth.from(stored.rating().at().atZone(ServiceCalendar.DEFAULT_ZONE)).toString(), stored.id(),
                    stored.rating().score());
        }
    }

    private void raiseUnroutedAlert(ServiceRequest stored, Instant at) {
        if (stored.status() == RequestStatus.UNROUTED) {
            alerts.raise(Alert.raise(stored, 0, "unrouted", at));
        }
    }
}
