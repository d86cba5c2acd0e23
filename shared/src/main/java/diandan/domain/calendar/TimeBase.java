package diandan.domain.calendar;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import diandan.domain.Codes;

/** What a clock counts: all time that passes, or only the service hours of the request's area. */
public enum TimeBase {
    /** Wall time: the clock runs day and night, holidays included. */
    CONTINUOUS,
    /** Business time: the clock runs only inside the service hours of the area's calendar. */
    SERVICE_HOURS;

    public String code() {
        return Codes.of(this);
    }

    /** The stretches in which a clock of this base counts, from {@code from} on. */
    public Iterator<Interval> countingFrom(Instant from, ServiceCalendar calendar) {
        return this == CONTINUOUS ? List.of(new Interval(from, Instant.MAX)).iterator() : calendar.servingFrom(from);
    }
}
