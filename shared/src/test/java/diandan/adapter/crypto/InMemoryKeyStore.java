package diandan.adapter.crypto;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import diandan.port.identity.DataKeyStore;

/** A data-key store in memory with the table's create-if-absent, for tests of the envelope alone. */
final class InMemoryKeyStore implements DataKeyStore {
    private final AtomicReference<byte[]> stored = new AtomicReference<>();

    @Override
    public Optional<byte[]> find() {
        return Optional.ofNullable(stored.get());
    }

    @Override
    public boolean create(byte[] encrypted) {
        return stored.compareAndSet(null, encrypted);
    }
}
