package diandan.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A request's three clocks: each deadline, when it stopped, and which misses have been escalated.
 * A clock is pending while it has neither stopped nor been escalated; each escalates at most once.
 */
public record Sla(Instant respondBy, Instant replyBy, Instant resolveBy,
                  Instant respondedAt, Instant repliedAt, Instant resolvedAt,
                  Set<Clock> escalated) {
    public Sla {
        escalated = escalated.isEmpty() ? EnumSet.noneOf(Clock.class) : EnumSet.copyOf(escalated);
    }

    public static Sla startingAt(Instant submittedAt, Clocks clocks) {
        return new Sla(submittedAt.plus(clocks.of(Clock.RESPOND)), submittedAt.plus(clocks.of(Clock.REPLY)),
                submittedAt.plus(clocks.of(Clock.RESOLVE)), null, null, null, Set.of());
    }

    public Instant deadline(Clock clock) {
        return switch (clock) {
            case RESPOND -> respondBy;
            case REPLY -> replyBy;
            case RESOLVE -> resolveBy;
        };
    }

    public Instant stoppedAt(Clock clock) {
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

    public boolean isPending(Clock clock) {
        return stoppedAt(clock) == null && !escalated.contains(clock);
    }

    /** The earliest deadline still pending, empty when no clock runs. */
    public Optional<Instant> nextDue() {
        Instant next = null;
        for (Clock clock : Clock.values()) {
            if (isPending(clock) && (next == null || deadline(clock).isBefore(next))) {
                next = deadline(clock);
            }
        }
        return Optional.ofNullable(next);
    }

    public Sla stop(Clock clock, Instant at) {
        return new Sla(respondBy, replyBy, resolveBy,
                clock == Clock.RESPOND && respondedAt == null ? at : respondedAt,
                clock == Clock.REPLY && repliedAt == null ? at : repliedAt,
                clock == Clock.RESOLVE && resolvedAt == null ? at : resolvedAt,
                escalated);
    }

    public Sla markEscalated(Clock clock) {
        Set<Clock> now = EnumSet.of(clock);
        now.addAll(escalated);
        return new Sla(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, now);
    }

    /** Whether the promise was kept: stopped no later than its deadline. */
    public boolean met(Clock clock) {
        Instant stopped = stoppedAt(clock);
        return stopped != null && !stopped.isAfter(deadline(clock));
    }
}
