package diandan.domain.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import diandan.domain.Validation;

/**
 * Service dates are calendar days where the service happened: the district's days (China Standard Time), not
 * UTC days. A service at 07:00 Beijing time is on that day, although it is the previous day in UTC.
 */
public final class ServiceDates {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    private ServiceDates() {
    }

    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** A service date as a client gives it, {@code yyyy-MM-dd} from 2000 to 2099; null when absent or refused. */
    public static LocalDate parse(Validation v, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                v.fail(field, "must lie between 2000 and 2099");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            v.fail(field, "must be a date such as 2026-11-28");
            return null;
        }
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
