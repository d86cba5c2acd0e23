package diandan.app.points;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import diandan.domain.points.LogEntry;
import diandan.port.points.CountLog;

/**
 * A count kept as a log of entries (a volunteer's points, an item's stock), moved by steps each done at most once:
 * a step names itself ({@code op}); before writing it looks back from the newest entry for one with its name, and
 * writes the next number only if none exists. Only one writer gets a number, so a writer that loses the race reads
 * again and decides on the count as it now is: the count is never moved on a stale reading, and a step retried or
 * run twice at once is written once.
 */
public final class ExactCount {
    /** What a step does to the count it is shown: an entry, or nothing (it refuses). */
    public record Change(String kind, long amount, long batch, String ref) {
    }

    /** The step's entry: written now, or found written by an earlier try; or refused, with the count seen. */
    public record Outcome(Optional<LogEntry> entry, boolean appendedNow, long total) {
        public boolean refused() {
            return entry.isEmpty();
        }
    }

    /**
     * Entries read at a time looking back: first the newest alone (its total is what a step decides on, and the
     * rollup's look-back usually stops there), then a few at a time; so a step's cost does not grow with the log.
     */
    private static final int PAGE = 8;

    private final CountLog logs;
    private final Clock clock;

    public ExactCount(CountLog logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    public long total(String log) {
        return logs.newestFirst(log, null, 1).stream().findFirst().map(LogEntry::total).orElse(0L);
    }

    /** The counts of many logs at once (an item's stock for each of a merchant's items). */
    public Map<String, Long> totals(Collection<String> logs) {
        return this.logs.totals(logs);
    }

    /** The newest entry's number; 0 for an empty log. */
    public long latestSeq(String log) {
        return logs.newestFirst(log, null, 1).stream().findFirst().map(LogEntry::seq).orElse(0L);
    }

    /** The entry named {@code op}, looking back from the newest entry until one {@code older} says lies before it. */
    public Optional<LogEntry> find(String log, String op, Predicate<LogEntry> older) {
        return find(log, op, older, logs.newestFirst(log, null, 1));
    }

    /**
     * Does the step {@code op} once: returns its entry if an earlier try wrote it; otherwise writes what
     * {@code decide} makes of the current count, unless it refuses or the count would fall below zero.
     *
     * @param older true for an entry written before this step could have been (where the search stops)
     */
    public Outcome once(String log, String op, Predicate<LogEntry> older, LongFunction<Optional<Change>> decide) {
        while (true) {
            List<LogEntry> newest = logs.newestFirst(log, null, 1);
            Optional<LogEntry> done = find(log, op, older, newest);
            long total = newest.isEmpty() ? 0 : newest.get(0).total();
            if (done.isPresent()) {
                return new Outcome(done, false, total);
            }
            Optional<Change> change = decide.apply(total).filter(c -> c.amount() != 0 && total + c.amount() >= 0);
            if (change.isEmpty()) {
                return new Outcome(Optional.empty(), false, total);
            }
            Change c = change.get();
            LogEntry entry = new LogEntry(newest.isEmpty() ? 1 : newest.get(0).seq() + 1, op, c.kind(), c.amount(),
                    total + c.amount(), c.batch(), c.ref(), clock.instant());
            if (logs.append(log, entry)) {
                return new Outcome(Optional.of(entry), true, entry.total());
            }
        }
    }

    private Optional<LogEntry> find(String log, String op, Predicate<LogEntry> older, List<LogEntry> page) {
        while (!page.isEmpty()) {
            for (LogEntry entry : page) {
                if (entry.op().equals(op)) {
                    return Optional.of(entry);
                }
                if (older.test(entry)) {
                    return Optional.empty();
                }
            }
            long last = page.get(page.size() - 1).seq();
            if (last == 1) {
                return Optional.empty();
            }
            page = logs.newestFirst(log, last, PAGE);
        }
        return Optional.empty();
    }
}
