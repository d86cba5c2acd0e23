package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

import diandan.domain.calendar.ClockTime;
import diandan.domain.calendar.Interval;
import diandan.domain.calendar.ServiceCalendar;

/**
 * How a set of requests kept the desk's three promises: how many requests, for each promise how many could
 * be judged and how many of those were kept, and the median time from submission to the stopping event as
 * the clock counted it (in its own time base, holds left out); and, apart, how many were held and for how long.
 * The times taken are kept as a count per whole second, so that two summaries add up to the summary of both
 * sets ({@link #merge}) with the median still exact.
 */
public final class SlaSummary {
    private int requests;
    private final Map<SlaClock, Integer> judged = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, Integer> met = new EnumMap<>(SlaClock.class);
    private final Map<SlaClock, SortedMap<Long, Integer>> secondsTaken = new EnumMap<>(SlaClock.class);
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
                secondsTaken.computeIfAbsent(clock, c -> new TreeMap<>()).merge(counted.toSeconds(), 1, Integer::sum);
            }
        }
    }

    /** Adds another set of requests' summary to this one: the result is what adding their requests one by one gives. */
    public SlaSummary merge(SlaSummary other) {
        requests += other.requests;
        other.judged.forEach((clock, n) -> judged.merge(clock, n, Integer::sum));
        other.met.forEach((clock, n) -> met.merge(clock, n, Integer::sum));
        other.secondsTaken.forEach((clock, counts) -> counts.forEach((seconds, n) ->
                secondsTaken.computeIfAbsent(clock, c -> new TreeMap<>()).merge(seconds, n, Integer::sum)));
        held += other.held;
        heldFor = heldFor.plus(other.heldFor);
        return this;
    }

    /** A summary as stored: the counts {@link #add} and {@link #merge} keep, as their accessors give them. */
    public static SlaSummary of(int requests, Map<SlaClock, Integer> judged, Map<SlaClock, Integer> met,
                                Map<SlaClock, ? extends Map<Long, Integer>> secondsTaken, int held, Duration heldFor) {
        SlaSummary summary = new SlaSummary();
        summary.requests = requests;
        summary.judged.putAll(judged);
        summary.met.putAll(met);
        secondsTaken.forEach((clock, counts) -> summary.secondsTaken.put(clock, new TreeMap<>(counts)));
        summary.held = held;
        summary.heldFor = heldFor;
        return summary;
    }

    /** How many requests took each whole number of seconds to stop this clock, as the clock counts them. */
    public SortedMap<Long, Integer> secondsTaken(SlaClock clock) {
        return Collections.unmodifiableSortedMap(secondsTaken.getOrDefault(clock, new TreeMap<>()));
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
        SortedMap<Long, Integer> counts = secondsTaken.getOrDefault(clock, new TreeMap<>());
        int size = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (size == 0) {
            return OptionalDouble.empty();
        }
        int middle = size / 2;
        double median = size % 2 == 1 ? nth(counts, middle) : (nth(counts, middle - 1) + nth(counts, middle)) / 2.0;
        return OptionalDouble.of(median / 60.0);
    }

    /** The {@code index}-th smallest value (from 0) of the multiset these counts describe. */
    private static long nth(SortedMap<Long, Integer> counts, int index) {
        int seen = 0;
        for (Map.Entry<Long, Integer> count : counts.entrySet()) {
            seen += count.getValue();
            if (index < seen) {
                return count.getKey();
            }
        }
        throw new IllegalArgumentException("index " + index + " beyond " + seen + " values");
    }
}
