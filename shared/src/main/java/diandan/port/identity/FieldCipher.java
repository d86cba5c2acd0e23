package diandan.port.identity;

/**
 * Encrypts single field values for storage. Locally and in tests an AES-GCM key from the environment;
 * deployed, envelope encryption under a KMS key (a data key per value, stored encrypted beside it).
 */
public interface FieldCipher {
    /** The value encrypted and authenticated, as text fit for a table attribute. */
    String seal(String plaintext);

    /** The value sealed by {@link #seal}; throws IllegalStateException when it was altered or sealed under another key. */
    String open(String sealed);
}
