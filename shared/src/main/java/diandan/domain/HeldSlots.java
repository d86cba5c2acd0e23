package diandan.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The slots one resident's submissions hold against the {@link SubmissionLimits}: each open request, and each
 * submission of the last hour, by request id, with when the submission took the slot. {@code version} counts
 * the stored changes (0: nothing stored yet), so that new slots are written only over the ones they were
 * computed from.
 */
public record HeldSlots(long version, Map<String, Instant> open, Map<String, Instant> lastHour) {
    public static final HeldSlots NONE = new HeldSlots(0, Map.of(), Map.of());

    public HeldSlots {
        open = Map.copyOf(open);
        lastHour = Map.copyOf(lastHour);
    }

    /** Whether this request holds its slots already (a retry of its submission takes none again). */
    public boolean holds(String requestId) {
        return open.containsKey(requestId);
    }

    /** These slots without the open slots of {@code notOpen} and the submissions of {@code neverSubmitted}. */
    public HeldSlots without(Set<String> notOpen, Set<String> neverSubmitted) {
        Map<String, Instant> keptOpen = new HashMap<>(open);
        keptOpen.keySet().removeAll(notOpen);
        Map<String, Instant> keptSubmitted = new HashMap<>(lastHour);
        keptSubmitted.keySet().removeAll(neverSubmitted);
        return new HeldSlots(version, keptOpen, keptSubmitted);
    }
}
