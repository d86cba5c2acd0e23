package diandan.domain.hours;

import java.time.Instant;

import diandan.domain.AreaPath;

/**
 * A team's own project or event (a lecture, a clean-up): hours can be recorded against it for the days it
 * lasted.
 *
 * @param fingerprint a hash of the creating body under its idempotency key, null without one
 */
public record Activity(String id, String teamId, String title, String category, AreaPath area, Instant start,
                       Instant end, String description, String createdBy, Instant createdAt, String fingerprint) {
    public ServiceDates.Span span() {
        return ServiceDates.Span.between(start, end);
    }
}
