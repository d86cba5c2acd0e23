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

    /**
     * Clocks as an admin sets them (a category's, a channel's), every complaint collected in {@code v}: each
     * from 1 minute to {@link #MAX_MINUTES}, and in the order the promises are kept.
     *
     * @param field the clocks' object in the request body, e.g. {@code clocks}: its members are reported as
     *              {@code clocks.respondMinutes} ...
     * @return the clocks, or null when any complaint was made
     */
    public static Clocks checked(Validation v, String field, Integer respondMinutes, Integer replyMinutes,
                                 Integer resolveMinutes) {
        boolean inRange = inRange(v, field + ".respondMinutes", respondMinutes)
                & inRange(v, field + ".replyMinutes", replyMinutes)
                & inRange(v, field + ".resolveMinutes", resolveMinutes);
        if (!inRange) {
            return null;
        }
        if (respondMinutes > replyMinutes || replyMinutes > resolveMinutes) {
            v.fail(field, "must run in order: respondMinutes ≤ replyMinutes ≤ resolveMinutes");
            return null;
        }
        return new Clocks(respondMinutes, replyMinutes, resolveMinutes);
    }

    private static boolean inRange(Validation v, String field, Integer minutes) {
        if (minutes == null) {
            v.fail(field, "is required");
            return false;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            v.fail(field, "must be a whole number of minutes from 1 to " + MAX_MINUTES);
            return false;
        }
        return true;
    }

    public Duration of(SlaClock clock) {
        return Duration.ofMinutes(switch (clock) {
            case RESPOND -> respondMinutes;
            case REPLY -> replyMinutes;
            case RESOLVE -> resolveMinutes;
        });
    }
}
