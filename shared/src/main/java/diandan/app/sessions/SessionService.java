package diandan.app.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import diandan.app.IdempotencyKey;
import diandan.app.registry.RegistryCache;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.hours.Activity;
import diandan.domain.hours.HoursAccess;
import diandan.domain.sessions.CheckInCodes;
import diandan.domain.sessions.Place;
import diandan.domain.sessions.Roster;
import diandan.domain.sessions.Session;
import diandan.domain.sessions.SignUp;
import diandan.port.ConcurrentChangeException;
import diandan.port.hours.ActivityRepository;
import diandan.port.sessions.SessionRepository;

/**
 * Recruiting volunteers into an activity's sessions: the organiser creates sessions; volunteers sign up, over
 * the quota onto a waitlist in arrival order, and cancel; a freed place goes to the head of the waitlist.
 * <p>
 * Every change is one conditional write on the session's item ({@link SessionRepository}), so concurrent calls
 * serialise there: a place is never given twice, nobody is promoted twice or skipped. After each change the
 * roster is <em>settled</em>: lapsed unconfirmed places are released and free places passed down the waitlist.
 * A call that stops between its change and the settling leaves a roster that the next call on the session (any
 * sign-up, cancellation, read or the closing sweep) settles, so no place stays free while someone waits.
 */
public final class SessionService {
    public static final int MAX_QUOTA = 200;
    public static final int MAX_WAITLIST = 200;
    public static final int MAX_ADDRESS = 200;
    public static final int MIN_RADIUS = 10;
    public static final int MAX_RADIUS = 5000;
    public static final int MAX_SESSIONS_LISTED = 100;
    /** Rereads of a contended roster before a call gives up with a conflict (the client retries). */
    private static final int ATTEMPTS = 50;

    /** The body of {@code POST /activities/{id}/sessions}, as sent. */
    public record NewSession(String start, String end, String address, Double latitude, Double longitude,
                             Integer radiusMetres, Integer quota, Boolean confirmationRequired) {
    }

    /** A created session, and whether an earlier call with the same idempotency key created it. */
    public record Creation(Session session, boolean replayed) {
    }

    private final SessionRepository sessions;
    private final ActivityRepository activities;
    private final RegistryCache registry;
    private final Clock clock;

    public SessionService(SessionRepository sessions, ActivityRepository activities, RegistryCache registry,
                          Clock clock) {
        this.sessions = sessions;
        this.activities = activities;
        this.registry = registry;
        this.clock = clock;
    }

    public Creation create(Caller caller, String activityId, NewSession form, String idempotencyKey) {
        IdempotencyKey.check(idempotencyKey);
        if (activityId == null || !Ids.isWellFormed(activityId)) {
            throw Problem.notFound("activity " + activityId);
        }
        Activity activity = activities.find(activityId).orElseThrow(() -> Problem.notFound("activity " + activityId));
        HoursAccess.requireRunSessions(caller, activity.teamId(), activity.area(), registry.get());
        Validation v = new Validation();
        Instant start = v.required("start", v.optionalInstant("start", form.start()));
        Instant end = v.required("end", v.optionalInstant("end", form.end()));
        if (start != null && end != null) {
            if (Duration.between(start, end).compareTo(Duration.ofMinutes(30)) < 0) {
                v.fail("end", "a session lasts at least half an hour");
            } else if (start.isBefore(activity.start()) || end.isAfter(activity.end())) {
                v.fail("start", "a session lies within its activity, " + activity.start() + " to " + activity.end());
            } else if (Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
                v.fail("end", "a session lasts at most 24 hours");
            }
        }
        String address = v.requiredText("address", form.address(), MAX_ADDRESS);
        Place place = new Place(address, form.latitude(), form.longitude(), form.radiusMetres());
        boolean anyPoint = form.latitude() != null || form.longitude() != null || form.radiusMetres() != null;
        if (anyPoint && !place.hasPoint()) {
            v.fail("latitude", "give latitude, longitude and radiusMetres together, or none of them");
        } else if (anyPoint) {
            if (!(Math.abs(form.latitude()) <= 90)) {
                v.fail("latitude", "must lie between -90 and 90");
            }
            if (!(Math.abs(form.longitude()) <= 180)) {
                v.fail("longitude", "must lie between -180 and 180");
            }
            if (form.radiusMetres() < MIN_RADIUS || form.radiusMetres() > MAX_RADIUS) {
                v.fail("radiusMetres", "must lie between " + MIN_RADIUS + " and " + MAX_RADIUS);
            }
        }
        Integer quota = v.required("quota", form.quota());
        if (quota != null && (quota < 1 || quota > MAX_QUOTA)) {
            v.fail("quota", "must lie between 1 and " + MAX_QUOTA);
        }
        v.throwIfAny();
        Instant now = clock.instant();
        String id = IdempotencyKey.id("s", caller, idempotencyKey, now);
        String fingerprint = idempotencyKey == null ? null : Ids.fingerprint(activityId, start.toString(),
                end.toString(), address, String.valueOf(form.latitude()), String.valueOf(form.longitude()),
                String.valueOf(form.radiusMetres()), quota.toString(), String.valueOf(form.confirmationRequired()));
        Session session = new Session(id, activity.id(), activity.teamId(), activity.title(), activity.category(),
                activity.area(), start, end, place, quota, Boolean.TRUE.equals(form.confirmationRequired()),
                caller.sub(), now, CheckInCodes.newSecret(), fingerprint);
        if (sessions.create(session)) {
            return new Creation(session, false);
        }
        Session earlier = sessions.find(id).orElseThrow(() -> new ConcurrentChangeException(id)).session();
        IdempotencyKey.requireSameBody(earlier.fingerprint(), fingerprint, "a different session", "a new session");
        return new Creation(earlier, true);
    }

    public List<Session> ofActivity(String activityId) {
        if (activityId == null || !Ids.isWellFormed(activityId)) {
            throw Problem.notFound("activity " + activityId);
        }
        activities.find(activityId).orElseThrow(() -> Problem.notFound("activity " + activityId));
        return sessions.ofActivity(activityId, MAX_SESSIONS_LISTED);
    }

    /** A session and its roster, settled first. */
    public SessionRepository.Stored get(String id) {
        return settle(find(id));
    }

    /**
     * A session as a caller sees it: anyone signed in sees it and how many hold and await a place; those who run
     * it see who.
     */
    public record View(Session session, Roster roster, boolean runs) {
    }

    public View view(Caller caller, String id) {
        SessionRepository.Stored stored = get(id);
        Session session = stored.session();
        return new View(session, stored.roster(), HoursAccess.runsSessions(caller, session.teamId(), session.area(),
                registry.get()));
    }

    /**
     * Signs the volunteer up: a place if one is free and nobody waits, else the end of the waitlist. Signing up
     * again answers the standing as it is.
     */
    public SignUp signUp(Caller caller, String id) {
        String volunteer = HoursAccess.requireVolunteer(caller);
        SessionRepository.Stored stored = settle(find(id));
        Session session = stored.session();
        Instant now = clock.instant();
        if (!now.isBefore(session.start())) {
            throw Problem.conflict("session " + id + " has started; sign-ups closed at " + session.start());
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (stored.roster().standing(volunteer).state() != SignUp.State.NONE) {
                return stored.roster().standing(volunteer);
            }
            if (stored.roster().waitlist().size() >= MAX_WAITLIST) {
                throw Problem.conflict("session " + id + " is full and its waitlist too");
            }
            Optional<SessionRepository.Stored> joined = sessions.join(id, volunteer, session.quota(),
                    session.confirmationLapsed(now)).or(() -> sessions.enqueue(id, volunteer, MAX_WAITLIST));
            if (joined.isPresent()) {
                return settle(joined.get()).roster().standing(volunteer);
            }
            stored = find(id);
        }
        throw Problem.conflict("session " + id + " is busy; sign up again");
    }

    /** Gives up the volunteer's place or place in line; the next in line gets a freed place. */
    public SignUp cancel(Caller caller, String id) {
        String volunteer = HoursAccess.requireVolunteer(caller);
        SessionRepository.Stored stored = find(id);
        if (!clock.instant().isBefore(stored.session().start())) {
            throw Problem.conflict("session " + id + " has started; a place is no longer given back");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Roster roster = stored.roster();
            boolean waiting = roster.isWaiting(volunteer);
            List<String> line = waiting ? roster.waitlist() : roster.members();
            int index = line.indexOf(volunteer);
            if (index < 0) {
                return settle(stored).roster().standing(volunteer);
            }
            Optional<SessionRepository.Stored> removed = sessions.remove(id, volunteer, waiting, index);
            if (removed.isPresent()) {
                return settle(removed.get()).roster().standing(volunteer);
            }
            stored = find(id);
        }
        return settle(find(id)).roster().standing(volunteer);
    }

    /** A member confirms they will come (the sign-up rule of sessions that require it). */
    public SignUp confirm(Caller caller, String id) {
        String volunteer = HoursAccess.requireVolunteer(caller);
        SessionRepository.Stored stored = settle(find(id));
        if (!stored.roster().isMember(volunteer)) {
            throw Problem.conflict("only a volunteer holding a place confirms it; you are "
                    + stored.roster().standing(volunteer).state().code());
        }
        return sessions.confirm(id, volunteer).orElseThrow(() -> Problem.conflict("your place in session " + id
                + " was given up meanwhile")).roster().standing(volunteer);
    }

    SessionRepository.Stored find(String id) {
        if (id == null || !Ids.isWellFormed(id)) {
            throw Problem.notFound("session " + id);
        }
        return sessions.find(id).orElseThrow(() -> Problem.notFound("session " + id));
    }

    /**
     * Brings the roster in line with its rules: once confirmation has lapsed, members who did not confirm lose
     * their place; free places go to the head of the waitlist, one conditional write per promotion (promoted
     * after the confirmation deadline, a volunteer counts as confirmed). Contention only ends it early: whatever
     * is left the next call settles.
     */
    SessionRepository.Stored settle(SessionRepository.Stored stored) {
        Session session = stored.session();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Roster roster = stored.roster();
            boolean lapsed = session.confirmationLapsed(clock.instant());
            String unconfirmed = lapsed ? roster.members().stream().filter(m -> !roster.confirmed().contains(m))
                    .findFirst().orElse(null) : null;
            Optional<SessionRepository.Stored> written;
            if (unconfirmed != null) {
                written = sessions.release(session.id(), unconfirmed, roster.members().indexOf(unconfirmed));
            } else if (roster.members().size() < session.quota() && !roster.waitlist().isEmpty()) {
                written = sessions.promote(session.id(), roster.waitlist().get(0), session.quota(), lapsed);
            } else {
                return stored;
            }
            stored = written.isPresent() ? written.get() : find(session.id());
        }
        return stored;
    }
}
