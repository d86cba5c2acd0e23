package diandan.domain.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import diandan.domain.hours.ServiceDates;

/**
 * The night hours (Beijing time) in which a message that is not urgent waits: a rating invitation at 23:10
 * goes out at 07:00. Urgent messages (a new order on the respond clock, an escalation) never wait.
 */
public record QuietHours(LocalTime from, LocalTime until) {
    public static final QuietHours STANDARD = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

    /** When a message of this template due at {@code now} may go out: now, or the end of the quiet hours. */
    public Instant sendAt(MessageTemplate template, Instant now) {
        if (template.urgent) {
            return now;
        }
        ZonedDateTime local = now.atZone(ServiceDates.ZONE);
        LocalTime time = local.toLocalTime();
        boolean overnight = from.isAfter(until);
        boolean quiet = overnight ? !time.isBefore(from) || time.isBefore(until)
                : !time.isBefore(from) && time.isBefore(until);
        if (!quiet) {
            return now;
        }
        ZonedDateTime end = local.with(until);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }
}
