package diandan.port;

/** The store did not answer, or throttled: nothing was written, the caller may retry later. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
