package diandan.domain.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of a clock: the instant its target is reached, and how much of it has run, counting only
 * its time base's stretches and leaving out the holds (pauses) it spent.
 */
public final class ClockTime {
    private final TimeBase base;
    private final ServiceCalendar calendar;

    public ClockTime(TimeBase base, ServiceCalendar calendar) {
        this.base = base;
        this.calendar = calendar;
    }

    /**
     * A clock of {@code base} in an area with {@code calendar} in force. Without a calendar a
     * {@code service_hours} clock counts wall time: no service hours are known, so none can be left out.
     */
    public static ClockTime of(TimeBase base, Optional<ServiceCalendar> calendar) {
        return calendar.isPresent() ? new ClockTime(base, calendar.get()) : new ClockTime(TimeBase.CONTINUOUS, null);
    }

    /**
     * The instant at which the clock, started at {@code start}, has counted {@code target}. When the target is
     * reached exactly at the end of a service span, the deadline is that closing time, not the next opening.
     */
    public Instant deadline(Instant start, Duration target, List<Interval> pauses) {
        Duration remaining = target;
        Iterator<Interval> counting = base.countingFrom(start, calendar);
        List<Interval> holds = merged(pauses);
        while (true) {
            for (Interval part : without(counting.next(), holds)) {
                if (remaining.compareTo(part.length()) <= 0) {
                    return part.start().plus(remaining);
                }
                remaining = remaining.minus(part.length());
            }
        }
    }

    /**
     * The instant at which the clock, started at {@code start} on a run of {@code run}, has counted
     * {@code percent} of it: where its warning falls. Counted like the deadline, in the same time base, so a
     * clock counted in service hours is warned of at its share of business time, never in the night between.
     */
    public Instant share(Instant start, Duration run, int percent) {
        return deadline(start, Duration.ofMillis(Math.round(run.toMillis() * percent / 100.0)), List.of());
    }

    /** How much the clock counted between {@code from} and {@code to}, holds left out. */
    public Duration counted(Instant from, Instant to, List<Interval> pauses) {
        Duration sum = Duration.ZERO;
        Iterator<Interval> counting = base.countingFrom(from, calendar);
        List<Interval> holds = merged(pauses);
        while (counting.hasNext()) {
            Interval open = counting.next();
            if (!open.start().isBefore(to)) {
                break;
            }
            Interval clipped = open.end().isAfter(to) ? new Interval(open.start(), to) : open;
            for (Interval part : without(clipped, holds)) {
                sum = sum.plus(part.length());
            }
        }
        return sum;
    }

    /** The holds in order of start, overlapping ones joined. */
    private static List<Interval> merged(List<Interval> pauses) {
        List<Interval> sorted = new ArrayList<>(pauses);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval p : sorted) {
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !p.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new Interval(last.start(), p.end().isAfter(last.end()) ? p.end() : last.end()));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }

    /** What is left of {@code open} once the (merged, ordered) holds are cut out of it, in order. */
    private static List<Interval> without(Interval open, List<Interval> holds) {
        List<Interval> parts = new ArrayList<>();
        Instant cursor = open.start();
        for (Interval hold : holds) {
            if (!hold.end().isAfter(cursor) || !hold.start().isBefore(open.end())) {
                continue;
            }
            if (hold.start().isAfter(cursor)) {
                parts.add(new Interval(cursor, hold.start()));
            }
            cursor = hold.end();
            if (!cursor.isBefore(open.end())) {
                return parts;
            }
        }
        parts.add(new Interval(cursor, open.end()));
        return parts;
    }
}
