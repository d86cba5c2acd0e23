package diandan.app.sessions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import diandan.app.hours.HoursRecorder;
import diandan.app.registry.RegistryCache;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.CheckInCodes;
import diandan.domain.sessions.Session;
import diandan.port.sessions.SessionRepository;

/**
 * Checking in and out of a session, from {@link Session#opensAt} on: with the rotating code the leader's screen
 * shows, or with a position within the session's radius. Checking in twice is one check-in; each completed pair
 * drafts exactly one pending hours record (captured {@code check_in}) that the team certifies as any other. The
 * closing sweep checks out, at the session's end and flagged, whoever is still checked in at
 * {@link Session#closesAt}, and drafts any record a stopped call left undrafted.
 */
public final class CheckIns {
    /** Sessions the sweep closes per run; the rest wait for the next run. */
    public static final int SESSIONS_PER_SWEEP = 20;
    static final String SWEEP = "check_in_sweep";

    /** How a volunteer proves they are there: a code, or a position (latitude and longitude). */
    public record Proof(String code, Double latitude, Double longitude) {
    }

    /** The code to show now, and until when it is taken. */
    public record Code(String sessionId, String code, Instant validUntil) {
    }

    /** One attendance as it stands, with the record drafted from it once it is complete. */
    public record Presence(Attendance attendance, HoursRecord record) {
    }

    /**
     * What one sweep did: sessions closed, volunteers checked out automatically, records drafted, and pairs whose
     * record the hours rules refused (over the daily limit: the leader records what is right by hand).
     */
    public record Sweep(int sessionsClosed, int autoCheckedOut, int recordsDrafted, int recordsRefused) {
    }

    private final SessionRepository sessions;
    private final SessionService service;
    private final HoursRecorder recorder;
    private final RegistryCache registry;
    private final Clock clock;

    public CheckIns(SessionRepository sessions, SessionService service, HoursRecorder recorder,
                    RegistryCache registry, Clock clock) {
        this.sessions = sessions;
        this.service = service;
        this.recorder = recorder;
        this.registry = registry;
        this.clock = clock;
    }

    /** The current code, for those who run the session, while check-in and check-out are open. */
    public Code code(Caller caller, String id) {
        Session session = service.find(id).session();
        HoursAccess.requireRunSessions(caller, session.teamId(), session.area(), registry.get());
        Instant now = clock.instant();
        if (!session.isOpenForAttendance(now)) {
            throw Problem.conflict("check-in for session " + id + " is open from " + session.opensAt() + " until "
                    + session.closesAt());
        }
        return new Code(id, CheckInCodes.codeAt(session, now), CheckInCodes.validUntil(now));
    }

    public Presence checkIn(Caller caller, String id, Proof proof) {
        String volunteer = HoursAccess.requireVolunteer(caller);
        Proof checked = wellFormed(proof);
        SessionRepository.Stored stored = service.get(id);
        Session session = stored.session();
        Instant now = clock.instant();
        if (now.isBefore(session.opensAt()) || !now.isBefore(session.end())) {
            throw Problem.conflict("check-in for session " + id + " is open from " + session.opensAt() + " until its end, "
                    + session.end());
        }
        if (!stored.roster().isMember(volunteer)) {
            throw Problem.conflict("check-in is for volunteers holding a place; you are "
                    + stored.roster().standing(volunteer).state().code());
        }
        requireThere(session, checked, now);
        if (sessions.checkIn(id, volunteer, now)) {
            // this call's check-in is stored as written (times to the millisecond): no read after the write
            return new Presence(new Attendance(id, volunteer, now.truncatedTo(ChronoUnit.MILLIS), null, false, null),
                    null);
        }
        return new Presence(sessions.attendance(id, volunteer).orElseThrow(() -> changedMeanwhile(id)), null);
    }

    /** A conditional write refused and the stored attendance not what a winner would have left: try again. */
    private static Problem changedMeanwhile(String id) {
        return Problem.conflict("your attendance at session " + id + " changed meanwhile; try again");
    }

    public Presence checkOut(Caller caller, String id, Proof proof) {
        String volunteer = HoursAccess.requireVolunteer(caller);
        Proof checked = wellFormed(proof);
        Session session = service.find(id).session();
        Instant now = clock.instant();
        Attendance attendance = sessions.attendance(id, volunteer)
                .orElseThrow(() -> Problem.conflict("you have not checked in to session " + id));
        if (attendance.isOpen()) {
            if (!session.isOpenForAttendance(now)) {
                throw Problem.conflict("check-out for session " + id + " closed at " + session.closesAt()
                        + "; you are checked out at its end");
            }
            requireThere(session, checked, now);
            sessions.checkOut(id, volunteer, now, false);
            // whether this write or another's closed the pair, it is drafted as stored; a write refused while the
            // pair is still open (nothing written) answers a conflict: half a pair drafts nothing
            attendance = sessions.attendance(id, volunteer).filter(stored -> !stored.isOpen())
                    .orElseThrow(() -> changedMeanwhile(id));
        }
        return new Presence(attendance, drafted(session, attendance, caller.sub()));
    }

    /**
     * Closes the sessions whose closing time has come: each open attendance is checked out at the session's end
     * and flagged, each complete pair gets its record, then the session leaves the queue. Every step is
     * conditional or idempotent, so a run that stops anywhere is finished by the next.
     */
    public Sweep closeDue() {
        Instant now = clock.instant();
        int closed = 0;
        int autoCheckedOut = 0;
        int drafted = 0;
        int refused = 0;
        for (String id : sessions.dueForClosing(now, SESSIONS_PER_SWEEP)) {
            Session session = sessions.find(id).map(SessionRepository.Stored::session).orElse(null);
            if (session != null && now.isBefore(session.closesAt())) {
                continue;
            }
            if (session != null) {
                for (Attendance attendance : sessions.attendances(id)) {
                    if (attendance.isOpen()) {
                        if (sessions.checkOut(id, attendance.volunteerId(), session.end(), true)) {
                            autoCheckedOut++;
                        }
                        // refused, the volunteer checked out meanwhile: their pair is drafted here if their call
                        // stopped before drafting it
                        attendance = sessions.attendance(id, attendance.volunteerId()).orElseThrow();
                    }
                    if (attendance.recordId() == null && !attendance.isOpen()) {
                        try {
                            drafted(session, attendance, SWEEP);
                            drafted++;
                        } catch (Problem refusedByTheRules) {
                            refused++;
                        }
                    }
                }
            }
            sessions.closed(id);
            closed++;
        }
        return new Sweep(closed, autoCheckedOut, drafted, refused);
    }

    private HoursRecord drafted(Session session, Attendance pair, String actor) {
        HoursRecord record = recorder.draft(session, pair, actor);
        if (pair.recordId() == null) {
            sessions.drafted(session.id(), pair.volunteerId(), record.id());
        }
        return record;
    }

    /** Exactly one way of proof, each field well-formed. */
    private static Proof wellFormed(Proof proof) {
        Validation v = new Validation();
        boolean hasCode = proof.code() != null;
        boolean hasPosition = proof.latitude() != null || proof.longitude() != null;
        if (hasCode == hasPosition) {
            v.fail("code", "give either the code shown by the leader, or latitude and longitude");
        } else if (hasCode) {
            v.requiredText("code", proof.code(), 12);
        } else {
            if (proof.latitude() == null || !(Math.abs(proof.latitude()) <= 90)) {
                v.fail("latitude", "must lie between -90 and 90");
            }
            if (proof.longitude() == null || !(Math.abs(proof.longitude()) <= 180)) {
                v.fail("longitude", "must lie between -180 and 180");
            }
        }
        v.throwIfAny();
        return proof;
    }

    /** The code of this session and of now or the step before, or a position within its radius. */
    private static void requireThere(Session session, Proof proof, Instant now) {
        if (proof.code() != null) {
            if (!CheckInCodes.accepts(session, proof.code(), now)) {
                throw Problem.invalid("code", "is not the current code of session " + session.id()
                        + " (a code is taken for " + CheckInCodes.STEP.toSeconds() * 2 + " seconds at most)");
            }
        } else if (!session.place().hasPoint()) {
            throw Problem.invalid("latitude", "session " + session.id() + " has no position to check in at: use its code");
        } else if (!session.place().contains(proof.latitude(), proof.longitude())) {
            throw Problem.invalid("latitude", "the position is " + Math.round(session.place().metresFrom(
                    proof.latitude(), proof.longitude())) + " m from the session, more than its "
                    + session.place().radiusMetres() + " m");
        }
    }
}
