package diandan.port.identity;

import java.util.Optional;

/** Where the deployment's one encrypted data key for identity documents is kept: written once, never replaced. */
public interface DataKeyStore {
    Optional<byte[]> find();

    /** Stores it unless one is stored already; false when another container stored its own first. */
    boolean create(byte[] encrypted);
}
