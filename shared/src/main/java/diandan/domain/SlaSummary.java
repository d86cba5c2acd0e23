package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How a set of requests kept the desk's three promises: how many requests, for each promise how many could
 * be judged and how many of those were kept, and the median time from submission to the stopping event.
 */
public final class SlaSummary {
    private int requests;
    private final Map<SlaClock, Integer> judged = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, Integer> met = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, List<Long>> secondsTaken = new EnumMap<>(SlaClock.class);

    public void add(ServiceRequest request, Instant asOf) {
        requests++;
        for (SlaClock clock : SlaClock.values()) {
            SlaOutcome outcome = SlaOutcome.of(request, clock, asOf);
            if (outcome != SlaOutcome.NOT_DUE) {
                judged.merge(clock, 1, Integer::sum);
            }
            if (outcome == SlaOutcome.MET) {
                met.merge(clock, 1, Integer::sum);
            }
            Instant stopped = request.sla().stoppedAt(clock);
            if (stopped != null) {
                secondsTaken.computeIfAbsent(clock, c -> new ArrayList<>())
                        .add(Duration.between(request.createdAt(), stopped).toSeconds());
            }
        }
    }

    public int requests() {
        return requests;
    }

    /** Requests whose promise can be judged: kept, or missed. */
    public int judged(SlaClock clock) {
        return judged.getOrDefault(clock, 0);
    }

    public int met(SlaClock clock) {
        return met.getOrDefault(clock, 0);
    }

    /** The share of judged requests that kept the promise; empty when none can be judged. */
    public OptionalDouble shareMet(SlaClock clock) {
        int n = judged(clock);
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) met(clock) / n);
    }

    /** Median minutes from submission to the event that stops this clock, over requests where it happened. */
    public OptionalDouble medianMinutes(SlaClock clock) {
        List<Long> seconds = new ArrayList<>(secondsTaken.getOrDefault(clock, List.of()));
        if (seconds.isEmpty()) {
            return OptionalDouble.empty();
        }
        seconds.sort(null);
        int middle = seconds.size() / 2;
        double median = seconds.size() % 2 == 1 ? seconds.get(middle)
                : (seconds.get(middle - 1) + seconds.get(middle)) / 2.0;
        return OptionalDouble.of(median / 60.0);
    }
}
