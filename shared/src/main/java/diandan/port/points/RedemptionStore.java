package diandan.port.points;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import diandan.domain.points.Redemption;

/**
 * Redemptions, each one item changed only by conditional writes; and the notes of those still open (stored and not
 * yet finished), so that one whose call stopped and whose client never replays it is found and finished.
 */
public interface RedemptionStore {
    /** A note of an open redemption: which, and when the call that stored it began it. */
    record Open(String id, Instant at) {
    }

    /**
     * Notes the redemption open, then stores it unless its id exists; returns the stored one. The note comes first,
     * so that no redemption is stored without one.
     */
    Redemption create(Redemption redemption);

    /** Takes out the note of a redemption opened at {@code at}, now finished; nothing when there is none. */
    void closed(String id, Instant at);

    /** Notes of redemptions opened before {@code before}, oldest first, at most {@code limit}; read consistently. */
    List<Open> openBefore(Instant before, int limit);

    Optional<Redemption> find(String id);

    /** Moves a pending redemption to DONE or REFUSED (with why); false if it was no longer pending. */
    boolean settle(String id, Redemption.State state, String refusal);

    /** Marks a done redemption handed over, once; false if it was not done or handed over already. */
    boolean handOver(String id, String by, Instant at);
}
