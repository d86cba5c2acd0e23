package diandan.port;

/** A conditional write lost: someone else changed the item first. Nothing was written. */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message, null, false, false);
    }
}
