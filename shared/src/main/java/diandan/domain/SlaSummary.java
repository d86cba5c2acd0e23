package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import diandan.domain.calendar.ClockTime;
import diandan.domain.calendar.Interval;
import diandan.domain.calendar.ServiceCalendar;

/**
 * How a set of requests kept the desk's three promises: how many requests, for each promise how many could
 * be judged and how many of those were kept, and the median time from submission to the stopping event as
 * the clock counted it (in its own time base, holds left out); and, apart, how many were held and for how long.
 */
public final class SlaSummary {
    private int requests;
    private final Map<SlaClock, Integer> judged = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, Integer> met = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, List<Long>> secondsTaken = new EnumMap<>(SlaClock.class);
    private int held;
    private Duration heldFor = Duration.ZERO;

    /** @param calendar the service calendar in force for the request's community, if any */
    public void add(ServiceRequest request, Instant asOf, Optional<ServiceCalendar> calendar) {
        requests++;
        Sla sla = request.sla();
        if (!sla.holds().isEmpty()) {
            held++;
            heldFor = heldFor.plus(sla.held(asOf));
        }
        List<Interval> holds = sla.holds().stream()
                .map(h -> new Interval(h.from(), h.from().plus(h.held(asOf)))).toList();
        for (SlaClock clock : SlaClock.values()) {
            SlaOutcome outcome = SlaOutcome.of(request, clock, asOf);
            if (outcome != SlaOutcome.NOT_DUE) {
                judged.merge(clock, 1, Integer::sum);
            }
            if (outcome == SlaOutcome.MET) {
                met.merge(clock, 1, Integer::sum);
            }
            Instant stopped = sla.stoppedAt(clock);
            if (stopped != null) {
                Duration counted = ClockTime.of(sla.timeBases().of(clock), calendar)
                        .counted(request.createdAt(), stopped, Hold.pauses(clock) ? holds : List.of());
                secondsTaken.computeIfAbsent(clock, c -> new ArrayList<>()).add(counted.toSeconds());
            }
        }
    }

    public int requests() {
        return requests;
    }

    /** Requests that were ever on hold. */
    public int held() {
        return held;
    }

    /** Wall time they spent on hold, in all. */
    public Duration heldFor() {
        return heldFor;
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

    /**
     * Median minutes from submission to the event that stops this clock, over requests where it happened, as the
     * clock counts them: business minutes for a {@code service_hours} clock, holds left out for those they pause.
     */
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
