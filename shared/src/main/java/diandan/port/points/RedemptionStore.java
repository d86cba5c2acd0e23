package diandan.port.points;

import java.time.Instant;
import java.util.Optional;

import diandan.domain.points.Redemption;

/** Redemptions, each one item changed only by conditional writes. */
public interface RedemptionStore {
    /** Stores the redemption unless its id exists; returns the stored one. */
    Redemption create(Redemption redemption);

    Optional<Redemption> find(String id);

    /** Moves a pending redemption to DONE or REFUSED (with why); false if it was no longer pending. */
    boolean settle(String id, Redemption.State state, String refusal);

    /** Marks a done redemption handed over, once; false if it was not done or handed over already. */
    boolean handOver(String id, String by, Instant at);
}
