package diandan.domain.points;

import java.time.Instant;

/**
 * A volunteer's redemption of an item, and its receipt: the item's price when it was asked, the code the volunteer
 * shows at the merchant, and where it stands. {@code pointsSince} and {@code stockSince} are the newest entries of
 * the two logs when it was stored: its own steps can only lie after them, which bounds every later search.
 */
public record Redemption(String id, String volunteerId, String merchantId, String itemId, String itemName,
                         long points, String code, State state, String refusal, long pointsSince, long stockSince,
                         Instant at, Instant handedOverAt, String handedOverBy) {
    public enum State {
        /** Stored; its steps (points taken, stock taken) may be under way. */
        PENDING,
        /** Points and stock taken: a receipt. */
        DONE,
        /** Refused (too few points, no stock): whatever of it was taken is given back. */
        REFUSED
    }

    /** This redemption as its hand-over by {@code by} at {@code at} leaves it. */
    public Redemption handedOver(String by, Instant at) {
        return new Redemption(id, volunteerId, merchantId, itemId, itemName, points, code, state, refusal, pointsSince,
                stockSince, this.at, at, by);
    }
}
