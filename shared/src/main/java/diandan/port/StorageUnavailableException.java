package diandan.port;

/**
 * The store did not answer, or throttled: the call cannot go on, the caller may retry later. Whether anything
 * was changed is known only when no write of the call can have landed ({@link #mayHaveChanged()} false); else
 * the outcome is unknown, and only a retry that recognises its first attempt (an Idempotency-Key, a version)
 * is safe.
 */
public class StorageUnavailableException extends RuntimeException {
    /** What the failed call may have left in the store. */
    public enum Outcome {
        /** No write of the call can have landed. */
        UNCHANGED,
        /** A write of the call may have landed before or with the fault. */
        MAY_HAVE_CHANGED
    }

    private final Outcome outcome;

    /** A fault before anything was written. */
    public StorageUnavailableException(String message, Throwable cause) {
        this(message, cause, Outcome.UNCHANGED);
    }

    public StorageUnavailableException(String message, Throwable cause, Outcome outcome) {
        super(message, cause);
        this.outcome = outcome;
    }

    public boolean mayHaveChanged() {
        return outcome == Outcome.MAY_HAVE_CHANGED;
    }
}
