package diandan.port.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Roster;
import diandan.domain.sessions.Session;

/**
 * Sessions, their rosters and attendance. Every change is one conditional write on one item: the roster lives on
 * the session's item, so a place is taken, given back or passed on in the same write that says who holds it.
 * The methods that change a roster answer false when its condition fails (the caller reads again and decides).
 */
public interface SessionRepository {
    /** A session as stored, with its roster as of the same read. */
    record Stored(Session session, Roster roster) {
    }

    /** Stores a new session with an empty roster, and its entry on the closing queue; false if it exists. */
    boolean create(Session session);

    Optional<Stored> find(String id);

    /** An activity's sessions, earliest start first, at most {@code limit} (from an index: may lag). */
    List<Session> ofActivity(String activityId, int limit);

    // Each change of the roster below answers the session as the write left it, or nothing when its condition
    // did not hold (and nothing was written).

    /** Gives the volunteer a place if there is one and nobody waits, and they are neither a member nor waiting. */
    Optional<Stored> join(String sessionId, String volunteerId, int quota, boolean confirmed);

    /** Puts the volunteer at the end of the waitlist, if they are neither a member nor waiting and it has room. */
    Optional<Stored> enqueue(String sessionId, String volunteerId, int maxWaitlist);

    /** Takes the volunteer off the members ({@code waiting} false) or the waitlist, at the index read. */
    Optional<Stored> remove(String sessionId, String volunteerId, boolean waiting, int index);

    /** Moves the head of the waitlist, if it is still {@code head}, into a free place. */
    Optional<Stored> promote(String sessionId, String head, int quota, boolean confirmed);

    /** Marks a member as confirmed; nothing if they are not a member. */
    Optional<Stored> confirm(String sessionId, String volunteerId);

    /** Takes an unconfirmed member off the members at the index read (their confirmation lapsed). */
    Optional<Stored> release(String sessionId, String volunteerId, int index);

    Optional<Attendance> attendance(String sessionId, String volunteerId);

    List<Attendance> attendances(String sessionId);

    /** Stores a check-in; false if the volunteer has checked in already. */
    boolean checkIn(String sessionId, String volunteerId, Instant at);

    /** Stores the check-out of an open check-in; false if there is none open. */
    boolean checkOut(String sessionId, String volunteerId, Instant at, boolean autoClosed);

    /** Notes the hours record drafted from the volunteer's pair. */
    void drafted(String sessionId, String volunteerId, String recordId);

    /** Sessions whose closing time has come and that are still on the closing queue (from an index: may lag). */
    List<String> dueForClosing(Instant now, int limit);

    /** Takes a session off the closing queue. */
    void closed(String sessionId);
}
