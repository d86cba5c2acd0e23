package diandan.port.identity;

/**
 * A master key that never leaves its service (AWS KMS when deployed): it makes data keys and opens them again.
 * Identity documents are sealed under a data key; only the data key, encrypted under the master key, is stored.
 */
public interface KeyService {
    /** A data key: its 32 bytes whole, for use in memory only, and encrypted under the master key, for storing. */
    record DataKey(byte[] plaintext, byte[] encrypted) {
    }

    /** A fresh 256-bit data key. */
    DataKey generateDataKey();

    /** The data key {@link #generateDataKey} encrypted; throws IllegalStateException when it does not open. */
    byte[] decrypt(byte[] encrypted);
}
