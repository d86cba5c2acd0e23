package diandan.domain;

import java.time.Duration;

/** How long each promise may take, in minutes from submission. */
public record Clocks(int respondMinutes, int replyMinutes, int resolveMinutes) {
    /** The desk's published promise: 15-minute response, 30-minute reply, 24-hour resolution. */
    public static final Clocks DESK_PROMISE = new Clocks(15, 30, 24 * 60);
    /** Longest clock an admin may set: 30 days. */
    public static final int MAX_MINUTES = 30 * 24 * 60;

    public Clocks {
        for (int minutes : new int[] {respondMinutes, replyMinutes, resolveMinutes}) {
            if (minutes < 1 || minutes > MAX_MINUTES) {
                throw new IllegalArgumentException("clock minutes must lie in 1.." + MAX_MINUTES + ", was " + minutes);
            }
        }
    }

    public Duration of(Clock clock) {
        return Duration.ofMinutes(switch (clock) {
            case RESPOND -> respondMinutes;
            case REPLY -> replyMinutes;
            case RESOLVE -> resolveMinutes;
        });
    }
}
