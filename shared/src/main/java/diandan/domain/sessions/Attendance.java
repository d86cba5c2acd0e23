package diandan.domain.sessions;

import java.time.Duration;
import java.time.Instant;

import diandan.domain.hours.HalfHours;

/**
 * One volunteer's check-in and check-out at a session.
 *
 * @param autoClosed whether the sweep checked them out at the session's end because they never did
 * @param recordId the pending hours record drafted from the pair, once drafted
 */
public record Attendance(String sessionId, String volunteerId, Instant checkedInAt, Instant checkedOutAt,
                         boolean autoClosed, String recordId) {
    public boolean isOpen() {
        return checkedOutAt == null;
    }

    /**
     * The hours a pair is worth, in half hours: the time on site within the session (arriving early or staying
     * late counts nothing: travel and waiting are excluded), rounded to the nearest half hour (a quarter hour
     * rounds up), at least one half hour, and never more than the session's length in whole half hours.
     */
    public static int halfHours(Session session, Instant checkedIn, Instant checkedOut) {
        Instant from = checkedIn.isAfter(session.start()) ? checkedIn : session.start();
        Instant to = checkedOut.isBefore(session.end()) ? checkedOut : session.end();
        long minutes = Math.max(0, Duration.between(from, to).toMinutes());
        long rounded = (minutes + 15) / 30;
        long longest = Math.min(Duration.between(session.start(), session.end()).toMinutes() / 30,
                HalfHours.PER_DAY_LIMIT);
        return (int) Math.max(1, Math.min(rounded, longest));
    }
}
