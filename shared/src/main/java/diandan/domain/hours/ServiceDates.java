package diandan.domain.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Service dates are calendar days where the service happened: the district's days (China Standard Time), not
 * UTC days. A service at 07:00 Beijing time is on that day, although it is the previous day in UTC.
 */
public final class ServiceDates {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ServiceDates() {
    }

    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The days a service lasted, both ends included. */
    public record Span(LocalDate first, LocalDate last) {
        public static Span between(Instant from, Instant to) {
            return new Span(dateOf(from), dateOf(to));
        }

        public boolean contains(LocalDate date) {
            return !date.isBefore(first) && !date.isAfter(last);
        }

        @Override
        public String toString() {
            return first.equals(last) ? first.toString() : first + " to " + last;
        }
    }
}
