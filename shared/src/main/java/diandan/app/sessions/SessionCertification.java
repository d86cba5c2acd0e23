package diandan.app.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import diandan.app.hours.HoursCertification;
import diandan.app.hours.HoursRecorder;
import diandan.app.registry.RegistryCache;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.hours.HoursAccess;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Session;
import diandan.port.sessions.SessionRepository;

/**
 * Certifying a session's check-in records in one call ({@code POST /sessions/{id}/certify}): each pair's record
 * goes through {@link HoursCertification} as if certified alone, so the same rules hold per record and each is
 * certified exactly once. The records are found from the session's attendances (one partition, read
 * consistently) and the id each pair's record derives from; nothing is scanned. Each record is its own
 * conditional write: a call that stops part-way leaves every record either certified or pending, and calling
 * again certifies the rest.
 */
public final class SessionCertification {
    /** Record ids a call may leave out: a session holds at most its quota of attendances. */
    public static final int MAX_EXCLUDED = SessionService.MAX_QUOTA;

    /** A pair whose record was not certified, and why, as the single certification would answer. */
    public record Refusal(String volunteerId, String recordId, int status, String detail) {
    }

    /**
     * What one call did: records it certified, records it found certified already, records left out on request,
     * and pairs it could not certify.
     */
    public record Outcome(String sessionId, List<String> certified, List<String> alreadyCertified,
                          List<String> excluded, List<Refusal> refused) {
    }

    private final SessionRepository sessions;
    private final SessionService service;
    private final HoursCertification certification;
    private final RegistryCache registry;

    public SessionCertification(SessionRepository sessions, SessionService service, HoursCertification certification,
                                RegistryCache registry) {
        this.sessions = sessions;
        this.service = service;
        this.certification = certification;
        this.registry = registry;
    }

    /** Certifies every pending check-in record of the session but those in {@code exclude} (may be null). */
    public Outcome certifyAll(Caller caller, String id, List<String> exclude) {
        Validation v = new Validation();
        if (exclude != null && exclude.stream().anyMatch(recordId -> recordId == null || !Ids.isWellFormed(recordId))) {
            v.fail("exclude", "lists record ids");
        }
        v.throwIfAny();
        Session session = service.find(id).session();
        HoursAccess.requireRunSessions(caller, session.teamId(), session.area(), registry.get());
        Set<String> leftOut = exclude == null ? Set.of() : Set.copyOf(exclude);
        List<String> certified = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (Attendance pair : sessions.attendances(id)) {
            String recordId = HoursRecorder.checkInRecordId(pair.volunteerId(), id);
            if (leftOut.contains(recordId)) {
                excluded.add(recordId);
            } else if (pair.isOpen()) {
                refused.add(new Refusal(pair.volunteerId(), null, Problem.Kind.CONFLICT.status,
                        "still checked in: the record is drafted at check-out, or by the closing sweep"));
            } else {
                try {
                    HoursCertification.Certified outcome = certification.certifyOnce(caller, recordId);
                    (outcome.byThisCall() ? certified : already).add(recordId);
                } catch (Problem refusal) {
                    refused.add(new Refusal(pair.volunteerId(), recordId, refusal.kind().status, refusal.getMessage()));
                }
            }
        }
        return new Outcome(id, certified, already, excluded, refused);
    }
}
