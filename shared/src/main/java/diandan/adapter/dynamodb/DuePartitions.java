package diandan.adapter.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Which partition of the {@code ByDue} index a pending deadline is written to, and so which partitions the sweep
 * of one hour reads: {@code DUE#<yyyyMMddHH>#<shard>}, the UTC hour of the deadline and a shard of the request id.
 *
 * <p>Why {@value #SHARDS} shards: at a province's peak (5,000,000 requests a year, ten times the mean hour: 1.6
 * submissions a second) the index takes about 10 writes a second in all (a request's life moves its entry 6
 * times); were they all in one hour's bucket, each shard would take under 3 a second, far below the 1,000 write
 * units a second of a partition (docs/scale.md). More shards would only add Queries to every sweep, one per
 * shard and hour. The count may grow, never shrink: a sweep reads shards 0 to {@code SHARDS - 1}, so an entry
 * written under a smaller count is still read, and one written under a larger count would not be.
 */
public final class DuePartitions {
    public static final int SHARDS = 4;
    /** What every pending deadline's partition begins with, and no other entry of the index's attributes. */
    static final String PREFIX = "DUE#";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private DuePartitions() {
    }

    /** The partition of a request's entry due at {@code due}. */
    public static String of(Instant due, String requestId) {
        return of(due, Math.floorMod(requestId.hashCode(), SHARDS));
    }

    /** One of the partitions holding the deadlines due within {@code hour}. */
    public static String of(Instant hour, int shard) {
        return PREFIX + HOUR.format(hour) + "#" + shard;
    }
}
