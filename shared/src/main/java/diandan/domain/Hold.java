package diandan.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch in which the reply and resolve clocks of a request stand still because its team waits on the
 * resident. A hold cannot hide a breach: a request has at most {@link #MAX_HOLDS} of them, {@link #MAX_HELD}
 * in all, each ends by itself at its {@code limit} (what is left of that allowance), and none starts while a
 * clock it would stop is already overdue.
 *
 * @param endedAt null while the hold lasts
 * @param endedBy null while the hold lasts
 */
public record Hold(HoldReason reason, String by, Instant from, Instant limit, Instant endedAt, HoldEnd endedBy) {
    public static final int MAX_HOLDS = 2;
    public static final Duration MAX_HELD = Duration.ofHours(72);

    /** The respond clock never stands still: whether anyone has seen a request must not wait on the resident. */
    public static boolean pauses(SlaClock clock) {
        return clock != SlaClock.RESPOND;
    }

    public boolean isOpen() {
        return endedAt == null;
    }

    /** Wall time held up to {@code asOf} (or its end); a hold ends at its limit at the latest. */
    public Duration held(Instant asOf) {
        Instant end = endedAt != null ? endedAt : asOf.isAfter(limit) ? limit : asOf;
        return end.isAfter(from) ? Duration.between(from, end) : Duration.ZERO;
    }

    public Hold end(Instant at, HoldEnd how) {
        return new Hold(reason, by, from, limit, at.isAfter(limit) ? limit : at, how);
    }
}
