package diandan.domain.retention;

import java.time.Duration;
import java.time.Instant;

import diandan.domain.ServiceRequest;

/**
 * How long a request keeps its resident's contact data once it has ended (closed or cancelled): the template's
 * {@code ContactRetentionDays}, {@link #DEFAULT_DAYS} unless set. docs/retention.md says why.
 */
public record ContactRetention(Duration period) {
    /**
     * A month after the request ended: long enough for the desk to follow up a complaint about the service or the
     * rating, or a late question about the hours, with the resident; no purpose needs the contact data after that.
     */
    public static final int DEFAULT_DAYS = 30;

    public ContactRetention {
        if (period.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("a retention period is at least a day, not " + period);
        }
    }

    public static ContactRetention days(int days) {
        return new ContactRetention(Duration.ofDays(days));
    }

    /** Requests that ended at this moment or before are due for erasure at {@code now}. */
    public Instant endedBy(Instant now) {
        return now.minus(period);
    }

    /** Whether the request holds contact data whose retention period is over at {@code now}. */
    public boolean isDue(ServiceRequest request, Instant now) {
        return request.contactKeptSince().filter(ended -> !ended.isAfter(endedBy(now))).isPresent();
    }
}
