package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import diandan.domain.Ids;

/**
 * Where the due index puts a pending deadline, and where the sweep of an hour looks for it: the same partitions.
 * At a province's peak hour (5,000,000 requests a year, 10× the mean hour: 5,708 requests) the entries of one
 * hour bucket spread evenly over the shards, so no shard takes much more than its share.
 */
class DuePartitionsTest {
    static final Instant HOUR = Instant.parse("2027-03-08T01:00:00Z");
    static final int PEAK_HOUR_REQUESTS = 5_708;

    @Test
    void aPeakHoursDeadlinesSpreadEvenlyOverTheShardsOfTheirBucket() {
        Map<String, Long> perPartition = new TreeMap<>(IntStream.range(0, PEAK_HOUR_REQUESTS)
                .mapToObj(i -> DuePartitions.of(HOUR.plusMillis(630L * i), Ids.derivedId("r", "peak", "" + i)))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting())));
        System.out.println("due partitions of a peak hour: " + perPartition);

        assertEquals(Set.of("DUE#2027030801#0", "DUE#2027030801#1", "DUE#2027030801#2", "DUE#2027030801#3"),
                perPartition.keySet());
        double even = (double) PEAK_HOUR_REQUESTS / DuePartitions.SHARDS;
        perPartition.forEach((key, entries) -> assertTrue(Math.abs(entries - even) < even * 0.1,
                key + " holds " + entries + " of " + PEAK_HOUR_REQUESTS));
    }

    @Test
    void everyDeadlineIsInAPartitionThatTheSweepOfItsHourReads() {
        for (int i = 0; i < 1_000; i++) {
            Instant due = HOUR.plus(Duration.ofMinutes(7L * i)).plusMillis(i);
            String id = Ids.newId("r", due);
            Instant hour = due.truncatedTo(ChronoUnit.HOURS);
            Set<String> read = IntStream.range(0, DuePartitions.SHARDS).mapToObj(shard -> DuePartitions.of(hour, shard))
                    .collect(Collectors.toSet());
            assertTrue(read.contains(DuePartitions.of(due, id)), id + " due " + due);
        }
    }
}
