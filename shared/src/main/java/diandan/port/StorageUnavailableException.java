package diandan.port;

/**
 * The store did not answer, or throttled: the call cannot go on, the caller may retry later. Whether anything
 * was changed is known only when no write of the call can have landed ({@link #mayHaveChanged()} false); else
 * the outcome is unknown, and only a retry that recognises its first attempt (an Idempotency-Key, a version)
 * is safe.
 */
public class StorageUnavailableException extends RuntimeException {
    private final boolean mayHaveChanged;

    /** A fault before anything was written. */
    public StorageUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** @param mayHaveChanged whether a write of this call may have landed before or with the fault */
    public StorageUnavailableException(String message, Throwable cause, boolean mayHaveChanged) {
        super(message, cause);
        this.mayHaveChanged = mayHaveChanged;
    }

    public boolean mayHaveChanged() {
        return mayHaveChanged;
    }
}
