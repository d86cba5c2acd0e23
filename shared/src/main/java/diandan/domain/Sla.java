package diandan.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import diandan.domain.calendar.ClockTime;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.TimeBases;

/**
 * A request's three clocks: each deadline, when it stopped, which misses have been escalated, and the time
 * base each counts in. A clock is pending while it has neither stopped nor been escalated; each escalates at
 * most once. Deadlines are instants, fixed when a clock starts: the sweeper reads only what is due.
 */
public record Sla(Instant respondBy, Instant replyBy, Instant resolveBy,
                  Instant respondedAt, Instant repliedAt, Instant resolvedAt,
                  Set<SlaClock> escalated, TimeBases timeBases) {
    public Sla {
        escalated = escalated.isEmpty() ? EnumSet.noneOf(SlaClock.class) : EnumSet.copyOf(escalated);
    }

    /** Clocks on wall time. */
    public Sla(Instant respondBy, Instant replyBy, Instant resolveBy, Instant respondedAt, Instant repliedAt,
               Instant resolvedAt, Set<SlaClock> escalated) {
        this(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, escalated, TimeBases.WALL_TIME);
    }

    /**
     * The clocks started at submission: each deadline the instant its target has been counted in its time base,
     * a {@code service_hours} clock in the service hours of {@code calendar} (the area's, when it has one).
     */
    public static Sla startingAt(Instant submittedAt, Clocks clocks, Optional<ServiceCalendar> calendar) {
        Instant[] due = new Instant[SlaClock.values().length];
        for (SlaClock clock : SlaClock.values()) {
            due[clock.ordinal()] = ClockTime.of(clocks.timeBases().of(clock), calendar)
                    .deadline(submittedAt, clocks.of(clock), List.of());
        }
        return new Sla(due[SlaClock.RESPOND.ordinal()], due[SlaClock.REPLY.ordinal()], due[SlaClock.RESOLVE.ordinal()],
                null, null, null, Set.of(), clocks.timeBases());
    }

    public Instant deadline(SlaClock clock) {
        return switch (clock) {
            case RESPOND -> respondBy;
            case REPLY -> replyBy;
            case RESOLVE -> resolveBy;
        };
    }

    public Instant stoppedAt(SlaClock clock) {
        return switch (clock) {
            case RESPOND -> respondedAt;
            case REPLY -> repliedAt;
            case RESOLVE -> resolvedAt;
        };
    }

    /** The level of the worst escalated miss, 0 when none. */
    public int escalationLevel() {
        return escalated.stream().mapToInt(c -> c.escalationLevel).max().orElse(0);
    }

    public boolean isPending(SlaClock clock) {
        return stoppedAt(clock) == null && !escalated.contains(clock);
    }

    /** The earliest deadline still pending, empty when no clock runs. */
    public Optional<Instant> nextDue() {
        Instant next = null;
        for (SlaClock clock : SlaClock.values()) {
            if (isPending(clock) && (next == null || deadline(clock).isBefore(next))) {
                next = deadline(clock);
            }
        }
        return Optional.ofNullable(next);
    }

    public Sla stop(SlaClock clock, Instant at) {
        return new Sla(respondBy, replyBy, resolveBy,
                clock == SlaClock.RESPOND && respondedAt == null ? at : respondedAt,
                clock == SlaClock.REPLY && repliedAt == null ? at : repliedAt,
                clock == SlaClock.RESOLVE && resolvedAt == null ? at : resolvedAt,
                escalated, timeBases);
    }

    public Sla markEscalated(SlaClock clock) {
        Set<SlaClock> now = EnumSet.of(clock);
        now.addAll(escalated);
        return new Sla(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, now, timeBases);
    }

    /** Whether the promise was kept: stopped no later than its deadline. */
    public boolean met(SlaClock clock) {
        Instant stopped = stoppedAt(clock);
        return stopped != null && !stopped.isAfter(deadline(clock));
    }
}
