package diandan.domain.calendar;

import java.time.Duration;
import java.time.Instant;

/** A stretch of time from {@code start} (included) to {@code end} (excluded). */
public record Interval(Instant start, Instant end) {
    public Interval {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("an interval ends no earlier than it starts: " + start + ".." + end);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
