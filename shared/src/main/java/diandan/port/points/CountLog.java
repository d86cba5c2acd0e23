package diandan.port.points;

import java.util.List;

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
}
