package diandan.port.points;

/**
 * The points ledger's storage steps, each one conditional single-item write that is safe to repeat: an entry
 * written once under its id, and a volunteer's balance moved at most once per rollup batch.
 */
public interface PointsLedger {
    /** Writes the entry unless one exists under this id; returns the points the stored entry holds. */
    long recordEntry(String volunteerId, String entryId, long points);

    /** Adds the batch's points to the balance unless this batch (or a later one) was applied to it already. */
    void applyBatch(String volunteerId, long batch, long points);

    /** The volunteer's balance now (0 before the first entry). */
    long balance(String volunteerId);
}
