package diandan.domain.hours;

import java.util.List;

/**
 * A record waiting for the rollup, as its item says now: its status and hours, what it has contributed to the
 * tallies so far ({@code applied}), and the version of the item read ({@code version}: every change of a record
 * raises it, so a record leaves the queue only if no change came after the one planned). The rollup moves the
 * tallies by the difference.
 */
public record QueuedRecord(String id, TallyFacts facts, RecordStatus status, int halfHours, Capture capture,
                           List<String> supersedes, Contribution applied, long version) {
    public QueuedRecord {
        supersedes = List.copyOf(supersedes);
    }

    /** What it should contribute: its hours (by capture) and one record while certified, nothing otherwise. */
    public Contribution due() {
        return Contribution.of(status, halfHours, capture);
    }
}
