package diandan.app.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import diandan.app.Together;
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
import diandan.port.Page;
import diandan.port.StorageUnavailableException;
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
 * is with while dispatched, accepted or in service). With each write, every team whose count the write moves
 * is told, with the request's version, whether that version counts against it; a team whose count it leaves as
 * it is is repaired instead, beside the write, to the version the write was based on. A team's load keeps the
 * latest version it heard of per request, so repeating, reordering or racing these records cannot double-count
 * or resurrect. A change records beside its conditional write, not after it; a write that then does not land
 * (another change of the same version won, or the store failed) takes its records back before its call answers,
 * giving those teams the version stored ({@link #takeBack}), and a record of a version replaces another record
 * of the same version, so the winner's answer stands. A crash leaves the records one version behind, or a
 * loser's record in place, until the next write of the request, a retry of the crashed call (it finds the
 * change made and answers 409: a 409 settles the stored version before it is answered), or the reconciliation.
 *
 * <p>A change that takes a request off a team's load (resolved, cancelled, declined, dispatched away) frees a
 * place there, and the team takes the longest-waiting request it may from the queue at once ({@link WaitingQueue}).
 * The sweeper's re-routing away from a silent team ({@link #replace}) does not: that team has just shown it does
 * not answer, and the sweep's reads stay bounded by what is due.
 *
 * <p>A new request is different: no later write may come to repair it, and a client whose call failed may never
 * retry. So its creation is noted ({@link PendingSettlements}) before the request is written, and the note stays
 * when the call ends: the schedule, once no call can still be writing the request, settles it again if it was
 * written (a repair, which changes nothing after a call that settled it) and only then takes the note out
 * ({@link #settleInterrupted}). A call that stops anywhere, or whose request write has an unknown outcome, is
 * finished so; and the call makes no write after settling (a note taken out beside the settling could leave a
 * written request unsettled for good).
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
    /**
     * Notes handled per run of the schedule (every minute); more wait for the next. Every submission leaves one:
     * this is ten times a province's peak minute (docs/scale.md).
     */
    static final int SETTLE_BATCH = 1000;

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
     * Notes that request {@code id} is about to be created ({@link PendingSettlements}), ahead of
     * {@link #create(ServiceRequest, boolean)}: for a submission that notes it together with its reads. A
     * submission refused after this takes the note out again ({@link #abandonCreation}); otherwise the schedule
     * does ({@link #settleInterrupted}).
     */
    public void noteCreation(String id) {
        pending.note(id, clock.instant());
    }

    /** A creation noted ahead was refused before its request was written: its note goes. */
    public void abandonCreation(String id) {
        try {
            pending.done(id);
        } catch (StorageUnavailableException leftForTheSchedule) {
            // a note whose request is never written is dropped by the schedule once its call has ended
        }
    }

    /**
     * Stores a new request, its creation noted ahead ({@link #noteCreation}) when it implies further writes (its
     * team's load, its unrouted alert), and settles it; the note is left for the schedule. When its id exists
     * already (a retried submission), settles the stored one instead (the first attempt may have stopped after its
     * write) and returns it as replayed.
     */
    public Submission create(ServiceRequest request) {
        EventOutbox.Held announced = events.hold(null, request);
        if (requests.create(request)) {
            events.release(announced);
            settle(request, request.loadTeam().orElse(null));
            return new Submission(request, false);
        }
        events.abandon(announced);
        ServiceRequest earlier = retried(request.id()).orElseThrow(() -> new ConcurrentChangeException(request.id()));
        return new Submission(earlier, true);
    }

    /**
     * The stored request a retried submission names, if any, settled: the first attempt may have stopped after
     * its write. Its note stays for the schedule, as a first attempt's does.
     */
    public Optional<ServiceRequest> retried(String id) {
        return retried(requests.find(id));
    }

    /** As {@link #retried(String)}, with the request read ahead ({@link RequestRepository#find}). */
    public Optional<ServiceRequest> retried(Optional<ServiceRequest> earlier) {
        earlier.ifPresent(this::repair);
        return earlier;
    }

    /**
     * Finishes the creations noted once their call has ended (see {@link #create}), whether it stopped or not: a
     * request that was written is settled (its team's load, its unrouted alert), which changes nothing when its
     * call settled it; a note whose request was never written is dropped, for then it never will be. Each note is
     * taken out after. Run on the schedule.
     *
     * @return how many written requests it settled
     */
    public int settleInterrupted() {
        int settled = 0;
        for (PendingSettlements.Note note : pending.waiting(clock.instant().minus(CALL_ENDED), SETTLE_BATCH)) {
            Optional<ServiceRequest> stored = requests.find(note.requestId());
            stored.ifPresent(this::repair);
            pending.done(note.requestId());
            settled += stored.isPresent() ? 1 : 0;
        }
        return settled;
    }

    public ServiceRequest load(String id) {
        return find(id).orElseThrow(() -> Problem.notFound("request " + id));
    }

    /** The request of this id, if it exists: none for an id that is not one. */
    public Optional<ServiceRequest> find(String id) {
        return Ids.isWellFormed(id) ? requests.find(id) : Optional.empty();
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
        // the registry the caller's access is judged on, loaded at the same time when the container has none
        return change(Together.get(() -> load(id), registry::get).first(), ifMatch, mayTouch, transition);
    }

    /**
     * As {@link #change(String, Long, Consumer, UnaryOperator)}, on the request as {@link #load} read it: for a
     * caller that read it together with something else.
     *
     * <p>Round trips: the write of the request together with the records of the new version on each team whose
     * count the change moves, and the waiting queue's first page if a place comes free; then, only where there is
     * any, what must wait for the write to land (the unrouted alert, the project's rating, the submitter's slot,
     * the queue's requests taking the free place). A record made beside a write that does not land (it lost its
     * race, or failed) is taken back before the call answers ({@link #takeBack}). A team whose count the change
     * leaves as it is needs no record of the new version (its count cannot move); it is brought in line with the
     * version read instead, at the same time as the write: what a crash after that version's own write may have
     * left behind, repaired by this next write.
     */
    public ServiceRequest change(ServiceRequest current, Long ifMatch, Consumer<ServiceRequest> mayTouch,
                                 UnaryOperator<ServiceRequest> transition) {
        String id = current.id();
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
        String newlyDispatchedTo = newlyDispatchedTo(current, next);
        List<String> moved = new ArrayList<>();
        List<String> unmoved = new ArrayList<>();
        for (String team : next.teamHistory()) {
            boolean moves = team.equals(newlyDispatchedTo) || Counting.of(current, team) != Counting.of(next, team);
            (moves ? moved : unmoved).add(team);
        }
        String counted = next.loadTeam().orElse(null);
        Optional<String> freed = current.loadTeam().filter(left -> !left.equals(counted));
        Instant at = clock.instant();
        List<Runnable> beside = new ArrayList<>(recording(next, newlyDispatchedTo, moved, at));
        unmoved.forEach(team -> beside.add(() -> loads.repair(team, id, current.version(), Counting.of(current, team),
                at)));
        Together.Three<RuntimeException, RuntimeException, Page<ServiceRequest>> done = Together.get(
                () -> failureOf(() -> write(current, next)),
                () -> failureOf(() -> Together.run(beside)),
                () -> freed.isPresent() ? waitingFirstPage() : null);
        if (done.first() != null) {
            takeBack(next, moved, at);
            if (done.first() instanceof ConcurrentChangeException) {
                throw Problem.conflict("request " + id + " was changed at the same time; reload it and try again");
            }
            throw done.first();
        }
        if (done.second() != null) {
            throw done.second(); // the change stands; a retry finds it made and records it (a 409 repairs first)
        }
        List<Runnable> following = consequences(next, at);
        if (current.status().isOpen() && !next.status().isOpen()) {
            following.add(() -> limits.release(next));
        }
        freed.ifPresent(team -> following.add(() -> waiting.fill(team, 1, "a place came free", clock.instant(),
                this::replace, done.third())));
        Together.run(following);
        return next;
    }

    /** What {@code piece} threw, or null: so that a write that failed is taken back whatever its records did. */
    private static RuntimeException failureOf(Runnable piece) {
        try {
            piece.run();
            return null;
        } catch (RuntimeException failed) {
            return failed;
        }
    }

    /**
     * A write that did not land (it lost its race, or failed) takes back what was recorded beside it: each team it
     * recorded is given the version stored now, over the record of a version that is another's (the race's
     * winner's) or that the request never reached. If the store fails now too, the next write of the request, a
     * retried call or the reconciliation does it.
     */
    private void takeBack(ServiceRequest notWritten, List<String> recorded, Instant at) {
        if (recorded.isEmpty()) {
            return;
        }
        try {
            requests.find(notWritten.id()).ifPresent(stored -> Together.run(recorded.stream().<Runnable>map(team -> () -> {
                Counting counting = Counting.of(stored, team);
                if (stored.version() >= notWritten.version()) {
                    loads.repair(team, stored.id(), stored.version(), counting, at);
                } else {
                    long mine = Counting.of(notWritten, team) == Counting.COUNTS
                            ? notWritten.version() : -notWritten.version();
                    loads.revoke(team, stored.id(), mine, stored.version(), counting, at);
                }
            }).toList()));
        } catch (StorageUnavailableException leftForTheNextWrite) {
            // the next write of the request, a retry or the reconciliation brings these teams in line
        }
    }

    /** The waiting queue's first page, or null when it cannot be read now (the fill then tries once more). */
    private Page<ServiceRequest> waitingFirstPage() {
        try {
            return waiting.firstPage();
        } catch (StorageUnavailableException notNow) {
            return null;
        }
    }

    /**
     * Writes a change the system made (the sweeper's escalation) from {@code current} as it read it, and
     * settles it.
     *
     * @throws ConcurrentChangeException when the stored request is no longer {@code current}: nothing written
     */
    public void replace(ServiceRequest current, ServiceRequest next) {
        write(current, next);
        settleChange(current, next, newlyDispatchedTo(current, next), next.teamHistory());
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

    /** The team {@code next} counts against, when {@code current} did not count against it; else null. */
    private static String newlyDispatchedTo(ServiceRequest current, ServiceRequest next) {
        String counted = next.loadTeam().orElse(null);
        return counted != null && !counted.equals(current.loadTeam().orElse(null)) ? counted : null;
    }

    /** Settles a written change on {@code teams}' loads, and gives the submitter's slot back once it ends. */
    private void settleChange(ServiceRequest current, ServiceRequest next, String newlyDispatchedTo,
                              List<String> teams) {
        List<Runnable> pieces = settling(next, newlyDispatchedTo, teams);
        if (current.status().isOpen() && !next.status().isOpen()) {
            pieces.add(() -> limits.release(next));
        }
        Together.run(pieces);
    }

    /**
     * Makes what follows from a stored version true; idempotent, so it may run again for the same version.
     *
     * @param newlyDispatchedTo the team this version was just dispatched to, recorded as the team's latest
     *                          dispatch (routing's tie-break, which no count depends on); null when it was not,
     *                          or when that is not known because an earlier call wrote the version
     */
    void settle(ServiceRequest stored, String newlyDispatchedTo) {
        Together.run(settling(stored, newlyDispatchedTo, stored.teamHistory()));
    }

    /** What {@link #settle} writes, for {@code teams} of the request's: each its own piece, none waiting for another. */
    private List<Runnable> settling(ServiceRequest stored, String newlyDispatchedTo, List<String> teams) {
        Instant at = clock.instant();
        List<Runnable> pieces = recording(stored, newlyDispatchedTo, teams, at);
        pieces.addAll(consequences(stored, at));
        return pieces;
    }

    /** The records of version {@code stored} on {@code teams}' loads, each its own piece. */
    private List<Runnable> recording(ServiceRequest stored, String newlyDispatchedTo, List<String> teams, Instant at) {
        List<Runnable> pieces = new ArrayList<>();
        for (String team : teams) {
            pieces.add(() -> loads.record(team, stored.id(), stored.version(), Counting.of(stored, team),
                    team.equals(newlyDispatchedTo) ? at : null, at));
        }
        return pieces;
    }

    /** What follows from a stored version apart from the loads: its unrouted alert, its project's rating. */
    private List<Runnable> consequences(ServiceRequest stored, Instant at) {
        List<Runnable> pieces = new ArrayList<>();
        if (stored.status() == RequestStatus.UNROUTED) {
            pieces.add(() -> raiseUnroutedAlert(stored, at));
        }
        if (isRatedOrder(stored)) {
            pieces.add(() -> tallyProjectRating(stored));
        }
        return pieces;
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
        if (isRatedOrder(stored)) {
            projectRatings.record(stored.menuOrder().projectId(),
                    YearMonth.from(stored.rating().at().atZone(ServiceCalendar.DEFAULT_ZONE)).toString(), stored.id(),
                    stored.rating().score());
        }
    }

    private static boolean isRatedOrder(ServiceRequest stored) {
        return stored.rating() != null && stored.menuOrder() != null && stored.menuOrder().ordered();
    }

    private void raiseUnroutedAlert(ServiceRequest stored, Instant at) {
        if (stored.status() == RequestStatus.UNROUTED) {
            alerts.raise(Alert.raise(stored, 0, "unrouted", at));
        }
    }
}
