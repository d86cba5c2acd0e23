package diandan.app.sessions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import diandan.app.hours.HoursRecorder;
import diandan.app.registry.RegistryCache;
import diandan.domain.Caller;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Session;
import diandan.domain.sessions.SignUp;
import diandan.port.hours.HoursRepository;
import diandan.port.sessions.SessionRepository;

/**
 * A session's attendance list for those who run it ({@code GET /sessions/{id}/attendance}): each volunteer who
 * holds or awaits a place or checked in, their check-in and check-out, and the record drafted from the pair with
 * its state, read from the table (the session's partition and the records by their derived ids: no index copy).
 */
public final class SessionAttendance {
    /**
     * One volunteer's line.
     *
     * @param attendance null until they check in
     * @param record the record drafted from their pair; null until drafted
     */
    public record Line(SignUp signUp, Attendance attendance, HoursRecord record) {
    }

    public record Sheet(Session session, List<Line> lines) {
    }

    private final SessionRepository sessions;
    private final SessionService service;
    private final HoursRepository records;
    private final RegistryCache registry;

    public SessionAttendance(SessionRepository sessions, SessionService service, HoursRepository records,
                             RegistryCache registry) {
        this.sessions = sessions;
        this.service = service;
        this.records = records;
        this.registry = registry;
    }

    /** Members in the order they took their places, then the waitlist, then anyone else who checked in. */
    public Sheet of(Caller caller, String id) {
        SessionRepository.Stored stored = service.get(id);
        Session session = stored.session();
        HoursAccess.requireRunSessions(caller, session.teamId(), session.area(), registry.get());
        Map<String, Attendance> attended = sessions.attendances(id).stream()
                .collect(Collectors.toMap(Attendance::volunteerId, Function.identity()));
        Set<String> volunteers = new LinkedHashSet<>(stored.roster().members());
        volunteers.addAll(stored.roster().waitlist());
        volunteers.addAll(attended.keySet().stream().sorted().toList());
        List<Line> lines = new ArrayList<>();
        for (String volunteer : volunteers) {
            Attendance attendance = attended.get(volunteer);
            HoursRecord record = attendance == null || attendance.isOpen() ? null
                    : records.find(HoursRecorder.checkInRecordId(volunteer, id)).orElse(null);
            lines.add(new Line(stored.roster().standing(volunteer), attendance, record));
        }
        return new Sheet(session, lines);
    }
}
