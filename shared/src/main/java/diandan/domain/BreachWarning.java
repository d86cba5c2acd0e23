package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import diandan.domain.calendar.ClockTime;
import diandan.domain.calendar.TimeBase;

/**
 * The warning before a breach: once a clock has run the request's share of its time ({@link Sla#warnAtPercent},
 * set with the clocks of its category or channel, by default 80 %: 12 minutes into the 15-minute respond clock)
 * the team's leaders are nudged, once per clock. The warning is a timeline entry
 * ({@link #TIMELINE_TYPE}, its note the clock's code), so it is written with the request, conditionally on the
 * version read, and a request's next due moment is its earliest warning or deadline still ahead
 * ({@link ServiceRequest#nextDue}): the sweeper finds warnings in the same due index as deadlines.
 */
public final class BreachWarning {
    public static final String TIMELINE_TYPE = "warned";

    private BreachWarning() {
    }

    /**
     * When the clock's warning falls: the request's share of its current run, counted in the clock's time base
     * ({@link ClockTime#share}). The run starts at submission, or where the last hold that paused the clock ended: a
     * clock that resumes is warned of in the time it has left, never at a moment already past when the resume is
     * written (the due index is read from its watermark on). A clock counted in service hours has its warning
     * fixed with its deadline ({@link Sla#fixedWarning}); one on wall time (or stored before warnings were kept)
     * at the share of the wall time from the start of the run to its deadline.
     */
    public static Instant warnAt(ServiceRequest request, SlaClock clock) {
        Sla sla = request.sla();
        Optional<Instant> fixed = sla.fixedWarning(clock);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        Instant start = Hold.pauses(clock) ? lastResumed(sla).orElse(request.createdAt()) : request.createdAt();
        return ClockTime.of(TimeBase.CONTINUOUS, Optional.empty())
                .share(start, Duration.between(start, sla.deadline(clock)), sla.warnAtPercent());
    }

    /**
     * The clocks to warn of at {@code at}, earliest deadline first: on an open request, running (a held clock
     * is warned of once it runs again), not yet warned of, past their warning and not yet at their deadline (a missed deadline escalates instead).
     */
    public static List<SlaClock> due(ServiceRequest request, Instant at) {
        return toWarn(request).stream().filter(clock -> !warnAt(request, clock).isAfter(at)
                        && at.isBefore(request.sla().deadline(clock)))
                .sorted(Comparator.comparing(request.sla()::deadline)).toList();
    }

    /** The earliest warning still to give, none when every running clock was warned of. */
    public static Optional<Instant> next(ServiceRequest request) {
        // loops, not streams: every write of a request asks this, and each lambda is a class its first event loads
        Instant earliest = null;
        for (SlaClock clock : toWarn(request)) {
            Instant at = warnAt(request, clock);
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** When the last hold that ended did, if one has. */
    private static Optional<Instant> lastResumed(Sla sla) {
        Instant last = null;
        for (Hold hold : sla.holds()) {
            if (hold.endedAt() != null && (last == null || hold.endedAt().isAfter(last))) {
                last = hold.endedAt();
            }
        }
        return Optional.ofNullable(last);
    }

    private static List<SlaClock> toWarn(ServiceRequest request) {
        List<SlaClock> clocks = new ArrayList<>();
        if (!request.status().isOpen()) {
            return clocks;
        }
        for (SlaClock clock : SlaClock.values()) {
            if (request.sla().isRunning(clock) && !warnedOf(request).contains(clock)) {
                clocks.add(clock);
            }
        }
        return clocks;
    }

    /** The clocks this request's timeline warned of. */
    private static List<SlaClock> warnedOf(ServiceRequest request) {
        List<SlaClock> warned = new ArrayList<>();
        for (TimelineEntry entry : request.timeline()) {
            if (TIMELINE_TYPE.equals(entry.type())) {
                warned.add(clockOf(entry));
            }
        }
        return warned;
    }

    /** The clock a warning entry is about. */
    public static SlaClock clockOf(TimelineEntry warning) {
        return Codes.parse(SlaClock.class, warning.note()).orElseThrow(
                () -> new IllegalStateException("a warning entry names no clock: " + warning.note()));
    }

    /** The request with the clock's warning given at {@code at}; refused unless the warning is due. */
    public static ServiceRequest warn(ServiceRequest request, SlaClock clock, Instant at) {
        if (!due(request, at).contains(clock)) {
            throw Problem.conflict("the " + clock.code() + " clock of request " + request.id() + " is not due a warning");
        }
        return request.next().event(new TimelineEntry(at, TIMELINE_TYPE, TimelineEntry.SYSTEM, clock.code())).build(at);
    }
}
