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
                  Set<SlaClock> escalated) {
    public Sla {
        escalated = escalated.isEmpty() ? EnumSet.noneOf(SlaClock.class) : EnumSet.copyOf(escalated);
    }

    public static Sla startingAt(Instant submittedAt, Clocks clocks) {
        return new Sla(submittedAt.plus(clocks.of(SlaClock.RESPOND)), submittedAt.plus(clocks.of(SlaClock.REPLY)),
                submittedAt.plus(clocks.of(SlaClock.RESOLVE)), null, null, null, Set.of());
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
                escalated);
    }

    public Sla markEscalated(SlaClock clock) {
        Set<SlaClock> now = EnumSet.of(clock);
        now.addAll(escalated);
        return new Sla(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, now);
    }

    /** Whether the promise was kept: stopped no later than its deadline. */
    public boolean met(SlaClock clock) {
        Instant stopped = stoppedAt(clock);
        return stopped != null && !stopped.isAfter(deadline(clock));
    }
}
