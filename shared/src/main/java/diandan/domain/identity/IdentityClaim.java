package diandan.domain.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * One identity document held by one volunteer: the claim on its look-up hash that keeps a second volunteer from
 * registering the same document. A registration or an update takes the claim before it writes the volunteer, so
 * a call that fails in between leaves at worst a claim whose holder does not carry the document: a leftover, which
 * the retry of that call takes up again (same holder) and anyone else may take over once its taker's call has
 * surely ended ({@link #LEASE}). Each taking writes a fresh {@code token}, so that a release or a take-over
 * changes only the claim it read.
 */
public record IdentityClaim(String lookupHash, String volunteerId, Instant claimedAt, String token) {
    /**
     * Longer than any call that takes a claim can run (the function's timeout is 20 s): a claim this old whose
     * holder does not carry its document is no write under way but one that failed.
     */
    public static final Duration LEASE = Duration.ofMinutes(5);

    /**
     * Whether this claim is a failed attempt's leftover that another volunteer may take over: its holder does not
     * carry the document now ({@code holderHash} is the look-up hash of the holder's document as stored, null for
     * none or no such volunteer) and it was taken longer than {@link #LEASE} ago.
     */
    public boolean isLeftover(String holderHash, Instant now) {
        return !lookupHash.equals(holderHash) && claimedAt.plus(LEASE).isBefore(now);
    }
}
