package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import diandan.domain.calendar.ServiceCalendar;

/**
 * The request's state machine: which change is allowed from which status, what it stops, what it records.
 * A change from the wrong status is a conflict. Who may make a change is decided by {@link Access}.
 */
public final class RequestLifecycle {
    private static final Set<RequestStatus> DISPATCHABLE = EnumSet.of(RequestStatus.UNROUTED, RequestStatus.OPEN_WISH,
            RequestStatus.DISPATCHED, RequestStatus.ACCEPTED);
    /** Taken on by its team and not yet resolved: the team replies to the resident and resolves it. */
    private static final Set<RequestStatus> TAKEN_ON = EnumSet.of(RequestStatus.ACCEPTED, RequestStatus.IN_SERVICE);

    /**
     * How long a resolved request waits for its resident's rating: rated within it, it closes with the rating;
     * not rated, it closes unrated when the window ends (the sweeper does it) and can be rated no more.
     */
    public static final Duration RATING_WINDOW = Duration.ofDays(7);
    /** The timeline entry of an erasure of the resident's contact data. */
    public static final String CONTACT_ERASED = "contact_erased";

    private RequestLifecycle() {
    }

    public static ServiceRequest cancel(ServiceRequest request, String actor, String reason, Instant at) {
        require(request, RequestStatus::isOpen, "cancel");
        return request.next().status(RequestStatus.CANCELLED).sla(holdEnded(request.sla(), at))
                .event(new TimelineEntry(at, "cancelled", actor, reason)).build(at);
    }

    public static ServiceRequest rate(ServiceRequest request, String actor, Rating rating) {
        if (request.status() == RequestStatus.CLOSED) {
            throw Problem.conflict("request " + request.id() + " is closed: a request is rated once, "
                    + ratingWindow());
        }
        require(request, RequestStatus.RESOLVED::equals, "rate");
        if (isDueToClose(request, rating.at())) {
            throw Problem.conflict("request " + request.id() + " can no longer be rated: a request is rated "
                    + ratingWindow() + ", and its window ended at " + closesAt(request));
        }
        return request.next().status(RequestStatus.CLOSED).rating(rating)
                .event(new TimelineEntry(rating.at(), "rated", actor, rating.score() + "/5 " + rating.outcome()))
                .event(new TimelineEntry(rating.at(), "closed", actor, null))
                .build(rating.at());
    }

    /** When a resolved request closes unless rated before: {@link #RATING_WINDOW} after its resolution. */
    public static Instant closesAt(ServiceRequest resolved) {
        return resolved.sla().resolvedAt().plus(RATING_WINDOW);
    }

    /** Whether the request is resolved and its rating window has ended at {@code at}. */
    public static boolean isDueToClose(ServiceRequest request, Instant at) {
        return request.status() == RequestStatus.RESOLVED && !at.isBefore(closesAt(request));
    }

    /** The system closes a resolved request its resident did not rate within the window. */
    public static ServiceRequest close(ServiceRequest request, Instant at) {
        if (!isDueToClose(request, at)) {
            throw Problem.conflict("request " + request.id() + " is not due to close");
        }
        return request.next().status(RequestStatus.CLOSED)
                .event(new TimelineEntry(at, "closed", TimelineEntry.SYSTEM, "not rated " + ratingWindow()))
                .build(at);
    }

    /**
     * Erases the resident's contact data of a closed or cancelled request, recording it on the timeline (without
     * the data). Nothing else changes: the statistics and the hours need none of it. An open or resolved request
     * keeps it, for the team and the desk still need to reach the resident (409). Erased already: unchanged.
     */
    public static ServiceRequest eraseContact(ServiceRequest request, String actor, String note, Instant at) {
        if (request.contact().isErased()) {
            return request;
        }
        if (request.contactKeptSince().isEmpty()) {
            throw Problem.conflict("request " + request.id() + " is " + request.status().code()
                    + ": its contact data is kept until it is closed or cancelled, for the team and the desk may still"
                    + " need to reach the resident");
        }
        return request.next().eraseContact().event(new TimelineEntry(at, CONTACT_ERASED, actor, note)).build(at);
    }

    private static String ratingWindow() {
        return "within " + RATING_WINDOW.toDays() + " days of its resolution";
    }

    /**
     * Routed or dispatched by hand to a team; the note says why this team. A team it leaves this way is
     * remembered with those that declined it, so routing does not send it back there.
     */
    public static ServiceRequest dispatch(ServiceRequest request, String teamId, String actor, String note, Instant at) {
        require(request, DISPATCHABLE::contains, "dispatch");
        if (teamId.equals(request.teamId()) && request.status().isWithTeam()) {
            throw Problem.conflict("request " + request.id() + " is with team " + teamId + " already");
        }
        return request.next().status(RequestStatus.DISPATCHED).teamId(teamId)
                .declinedTeams(withTeam(request.declinedTeams(), request.teamId()))
                .event(new TimelineEntry(at, "dispatched", actor, "team " + teamId + ": " + note)).build(at);
    }

    /** No eligible team: waits in the dispatchers' queue. */
    public static ServiceRequest unroute(ServiceRequest request, String actor, String note, Instant at) {
        return request.next().status(RequestStatus.UNROUTED).teamId(null)
                .declinedTeams(withTeam(request.declinedTeams(), request.teamId()))
                .event(new TimelineEntry(at, "unrouted", actor, note)).build(at);
    }

    /**
     * A team takes a wish from the wall (抢单): the wish is dispatched to it, and the team accepts it as it accepts
     * any request sent to it. Until then the respond clock runs and the resident's contact stays masked: claiming
     * reserves the wish, accepting takes it on.
     */
    public static ServiceRequest claim(ServiceRequest request, String teamId, String actor, String note, Instant at) {
        require(request, RequestStatus.OPEN_WISH::equals, "claim");
        return request.next().status(RequestStatus.DISPATCHED).teamId(teamId)
                .event(new TimelineEntry(at, "claimed", actor, "team " + teamId + ": " + note)).build(at);
    }

    public static ServiceRequest accept(ServiceRequest request, String actor, Instant at) {
        require(request, RequestStatus.DISPATCHED::equals, "accept");
        return request.next().status(RequestStatus.ACCEPTED).sla(request.sla().stop(SlaClock.RESPOND, at))
                .event(new TimelineEntry(at, "accepted", actor, "team " + request.teamId())).build(at);
    }

    /** The team gives the request back; routing will skip it from now on. */
    public static ServiceRequest decline(ServiceRequest request, String actor, String reason, Instant at) {
        require(request, RequestStatus.DISPATCHED::equals, "decline");
        return request.next().declinedTeams(withTeam(request.declinedTeams(), request.teamId())).teamId(null)
                .event(new TimelineEntry(at, "declined", actor, "team " + request.teamId() + ": " + reason)).build(at);
    }

    /**
     * A message to the resident, perhaps with a planned visit; the first one stops the reply clock. The same reply
     * again (same leader, same words) right after it is a client retrying one whose answer it did not get: it
     * changes nothing, and the request is returned as it is.
     */
    public static ServiceRequest reply(ServiceRequest request, String actor, String message, Instant plannedAt,
                                       Instant at) {
        require(request, TAKEN_ON::contains, "reply to");
        String note = plannedAt == null ? message : "visit planned for " + plannedAt + ": " + message;
        TimelineEntry latest = request.timeline().isEmpty() ? null : request.timeline().get(request.timeline().size() - 1);
        if (latest != null && latest.type().equals("replied") && latest.actor().equals(actor) && note.equals(latest.note())) {
            return request;
        }
        return request.next().sla(request.sla().stop(SlaClock.REPLY, at))
                .event(new TimelineEntry(at, "replied", actor, note)).build(at);
    }

    public static ServiceRequest start(ServiceRequest request, String actor, Instant at) {
        require(request, RequestStatus.ACCEPTED::equals, "start");
        return request.next().status(RequestStatus.IN_SERVICE)
                .event(new TimelineEntry(at, "started", actor, null)).build(at);
    }

    public static ServiceRequest resolve(ServiceRequest request, String actor, String summary, Instant at) {
        require(request, TAKEN_ON::contains, "resolve");
        return request.next().status(RequestStatus.RESOLVED)
                .sla(holdEnded(request.sla(), at).stop(SlaClock.RESOLVE, at))
                .event(new TimelineEntry(at, "resolved", actor, summary)).build(at);
    }

    /**
     * The clocks of the request that are due at {@code at}, earliest deadline first: still pending (neither stopped
     * nor escalated) and at or past their deadline, on a request that is still open, for only an open request's
     * clocks run.
     */
    public static List<SlaClock> dueClocks(ServiceRequest request, Instant at) {
        if (!request.status().isOpen()) {
            return List.of();
        }
        Sla sla = request.sla();
        return Arrays.stream(SlaClock.values())
                .filter(clock -> sla.isRunning(clock) && !sla.deadline(clock).isAfter(at))
                .sorted(Comparator.comparing(sla::deadline))
                .toList();
    }

    /**
     * The serving team puts the request on hold while it waits on the resident: the reply and resolve clocks
     * stand still until it resumes. Only a request its team has taken on, within the limits of {@link Hold}.
     */
    public static ServiceRequest hold(ServiceRequest request, String actor, HoldReason reason, Instant at) {
        require(request, TAKEN_ON::contains, "put on hold");
        Sla held = request.sla().hold(reason, actor, at);
        return request.next().sla(held).event(new TimelineEntry(at, "held", actor,
                reason.code() + "; resumes by itself at " + held.openHold().orElseThrow().limit())).build(at);
    }

    /**
     * The hold ends (the team resumes, the resident answers, a dispatcher ends it, or its limit expired): the
     * clocks it stopped run again, their deadlines moved by the business time it lasted, counted in
     * {@code calendar}, the one in force for the request's area now.
     */
    public static ServiceRequest resume(ServiceRequest request, String actor, HoldEnd how, Instant at,
                                        Optional<ServiceCalendar> calendar) {
        require(request, TAKEN_ON::contains, "resume");
        Sla resumed = request.sla().resume(at, how, calendar);
        Hold ended = resumed.holds().get(resumed.holds().size() - 1);
        return request.next().sla(resumed).event(new TimelineEntry(at, "resumed", actor, how.code() + "; held "
                + ended.held(at).toMinutes() + " min")).build(at);
    }

    /** Whether the hold that lasts has reached its own limit: the sweeper resumes the request then. */
    public static boolean isHoldExpired(ServiceRequest request, Instant at) {
        return TAKEN_ON.contains(request.status())
                && request.sla().openHold().map(h -> !h.limit().isAfter(at)).orElse(false);
    }

    /** A hold still lasting when the request ends ends with it. */
    private static Sla holdEnded(Sla sla, Instant at) {
        return sla.openHold().isPresent() ? sla.resume(at, HoldEnd.REQUEST_ENDED, Optional.empty()) : sla;
    }

    /** A missed deadline, escalated once; a missed response also leaves the silent team behind. */
    public static ServiceRequest escalate(ServiceRequest request, SlaClock clock, String note, Instant at) {
        if (!dueClocks(request, at).contains(clock)) {
            throw Problem.conflict("the " + clock.code() + " clock of request " + request.id() + " is not due");
        }
        ServiceRequest.Builder next = request.next().sla(request.sla().markEscalated(clock));
        if (clock == SlaClock.RESPOND && request.teamId() != null && request.status() == RequestStatus.DISPATCHED) {
            next.declinedTeams(withTeam(request.declinedTeams(), request.teamId())).teamId(null);
        }
        return next.event(new TimelineEntry(at, "escalated", TimelineEntry.SYSTEM,
                "level " + clock.escalationLevel + ": " + clock.code() + " deadline missed" + (note == null ? "" : "; " + note)))
                .build(at);
    }

    private static List<String> withTeam(List<String> teams, String team) {
        List<String> updated = new ArrayList<>(teams);
        if (team != null && !updated.contains(team)) {
            updated.add(team);
        }
        return updated;
    }

    private static void require(ServiceRequest request, Predicate<RequestStatus> allowed, String action) {
        if (!allowed.test(request.status())) {
            throw Problem.conflict("cannot " + action + " a request that is " + request.status().code());
        }
    }
}
