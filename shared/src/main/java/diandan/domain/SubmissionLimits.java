package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How much one resident may ask of the desk: open requests at once, and submissions in any hour (a sliding
 * window). Operators submitting on a resident's behalf are not limited: they are the desk.
 */
public record SubmissionLimits(int maxOpenPerResident, int maxPerHour) {
    /** Ten open requests and twenty submissions an hour: far above an honest resident's needs. */
    public static final SubmissionLimits DEFAULT = new SubmissionLimits(10, 20);
    private static final Duration HOUR = Duration.ofHours(1);

    public SubmissionLimits {
        if (maxOpenPerResident < 1 || maxPerHour < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Whether a submission through this channel is limited: not an operator's, on a resident's behalf. */
    public static boolean appliesTo(Channel channel) {
        return !channel.isOperated();
    }

    /**
     * The slots after request {@code requestId} takes one open slot and one of the hour at {@code now}, the
     * submissions older than an hour left out; or the refusal (429) when either limit is reached.
     */
    public HeldSlots take(HeldSlots held, String requestId, Instant now) {
        Map<String, Instant> lastHour = new HashMap<>();
        held.lastHour().forEach((id, at) -> {
            if (!at.isBefore(now.minus(HOUR))) {
                lastHour.put(id, at);
            }
        });
        int openNow = held.open().size();
        if (openNow >= maxOpenPerResident) {
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "you have " + openNow
                    + " open requests; close or cancel one before submitting another (limit " + maxOpenPerResident + ")");
        }
        if (lastHour.size() >= maxPerHour) {
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS,
                    "at most " + maxPerHour + " requests an hour; try again later");
        }
        Map<String, Instant> open = new HashMap<>(held.open());
        open.put(requestId, now);
        lastHour.put(requestId, now);
        return new HeldSlots(held.version(), open, lastHour);
    }
}
