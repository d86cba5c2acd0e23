package diandan.domain.sessions;

import java.time.Duration;
import java.time.Instant;

import diandan.domain.AreaPath;

/**
 * One shift of an activity that volunteers sign up for: its time, place, quota and sign-up rule. The secret keys
 * its rotating check-in codes; it is kept on the session's item and never shown to volunteers.
 *
 * @param confirmationRequired whether signed-up volunteers must confirm 24 h before the start, or lose their place
 * @param fingerprint a hash of the creating call under its idempotency key, null without one
 */
public record Session(String id, String activityId, String teamId, String title, String category, AreaPath area,
                      Instant start, Instant end, Place place, int quota, boolean confirmationRequired,
                      String createdBy, Instant createdAt, String secret, String fingerprint) {
    /** Check-in and check-out open this long before the start. */
    public static final Duration OPENS_BEFORE = Duration.ofHours(1);
    /** Volunteers still checked in this long after the end are checked out at the end, flagged. */
    public static final Duration CLOSES_AFTER = Duration.ofHours(2);
    /** Confirmation, when required, is due this long before the start. */
    public static final Duration CONFIRM_BEFORE = Duration.ofHours(24);

    public Instant opensAt() {
        return start.minus(OPENS_BEFORE);
    }

    public Instant closesAt() {
        return end.plus(CLOSES_AFTER);
    }

    public Instant confirmBy() {
        return start.minus(CONFIRM_BEFORE);
    }

    public boolean isOpenForAttendance(Instant now) {
        return !now.isBefore(opensAt()) && now.isBefore(closesAt());
    }

    /** Whether a member who has not confirmed has lost their place at {@code now}. */
    public boolean confirmationLapsed(Instant now) {
        return confirmationRequired && !now.isBefore(confirmBy());
    }
}
