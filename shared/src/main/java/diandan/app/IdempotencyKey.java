package diandan.app;

import java.time.Instant;
import java.util.Objects;

import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;

/**
 * The optional {@code Idempotency-Key} header of a creating POST: the same key from the same caller names the
 * same new item, so that a retried call finds what its first attempt created instead of creating it twice.
 */
public final class IdempotencyKey {
    public static final int MAX_LENGTH = 128;

    private IdempotencyKey() {
    }

    /** Refuses a malformed key (400); an absent key is fine. */
    public static void check(String key) {
        if (key != null && !key.matches("[\\x21-\\x7e]{1," + MAX_LENGTH + "}")) {
            throw new Problem(Problem.Kind.BAD_REQUEST,
                    "Idempotency-Key must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
    }

    /**
     * A call whose key names something already stored is a retry of the call that stored it only when it carries
     * the same body: {@code stored} and {@code given} are the two bodies' fingerprints (or the items themselves).
     * A key reused for another body is refused (422) rather than answered with what the earlier body created,
     * which the caller did not ask for.
     *
     * @param reusedFor what the key came with this time, as the refusal names it: "a different activity"
     * @param newKeyFor what a new key is for: "a new activity"
     */
    public static <T> void requireSameBody(T stored, T given, String reusedFor, String newKeyFor) {
        if (!Objects.equals(stored, given)) {
            throw new Problem(Problem.Kind.VALIDATION,
                    "this Idempotency-Key was used for " + reusedFor + "; use a new key for " + newKeyFor);
        }
    }

    /** A new id; derived from caller and key when a key is given. */
    public static String id(String prefix, Caller caller, String key, Instant now) {
        check(key);
        return key == null ? Ids.newId(prefix, now) : Ids.derivedId(prefix, caller.sub(), key);
    }
}
