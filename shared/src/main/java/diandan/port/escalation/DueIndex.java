package diandan.port.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The index of pending deadlines: every request with a clock still running (or resolved, until its rating window
 * ends: {@link diandan.domain.ServiceRequest#nextDue}) is in the bucket of the hour of its next deadline, spread
 * over {@link #shards()} partitions, in deadline order within a bucket. Only pending deadlines are indexed, so
 * reading it costs what is due, not what is stored. Entries may lag behind the requests (an index is eventually
 * consistent): the request itself is the truth.
 *
 * <p>The watermark is the first hour whose bucket has not been swept completely: everything before it was.
 */
public interface DueIndex {
    /** One pending deadline: when, and which request. Entries order by (due, requestId). */
    record Entry(Instant due, String requestId) {
    }

    /** A batch of one bucket; {@code more} when the bucket may hold further entries up to the bound. */
    record Batch(List<Entry> entries, boolean more) {
    }

    int shards();

    /**
     * Entries of the bucket ({@code hour}, {@code shard}) due no later than {@code upTo}, after {@code after}
     * (null: from the start), at most {@code limit}, in deadline order.
     */
    Batch due(Instant hour, int shard, Instant upTo, Entry after, int limit);

    /**
     * The same entries by district: those of the district's requests due from {@code from} up to {@code upTo}
     * (both included), in deadline order. Reading one district costs that district's entries in the range alone.
     */
    List<Entry> dueIn(String districtId, Instant from, Instant upTo);

    Optional<Instant> watermark();

    /** Moves the watermark to {@code hour} if that is later than where it is; never moves it back. */
    void advanceWatermark(Instant hour);
}
