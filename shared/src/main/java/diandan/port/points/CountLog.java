package diandan.port.points;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import diandan.domain.points.LogEntry;

/**
 * Append-only logs of exact counts (docs/points.md): each entry's place is its number, and only one writer gets
 * each number, so a count moves by exactly the entries written, one after the other, without transactions.
 */
public interface CountLog {
    /** Up to {@code limit} entries newest first, those numbered below {@code below} when given; read consistently. */
    List<LogEntry> newestFirst(String log, Long below, int limit);

    /** Writes the entry unless its number is taken (then false: another writer came first). */
    boolean append(String log, LogEntry entry);

    /**
     * The count of each log (its newest entry's total, 0 for an empty one), each exactly as it stood at one moment
     * of the call, read for many logs together in a number of round trips that does not grow with the logs.
     */
    Map<String, Long> totals(Collection<String> logs);
}
