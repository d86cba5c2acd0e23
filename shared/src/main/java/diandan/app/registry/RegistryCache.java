package diandan.app.registry;

import java.time.Clock;

import diandan.app.Snapshot;
import diandan.domain.Registry;
import diandan.port.registry.RegistryRepository;

/**
 * The registry (areas, categories, teams) as a {@link Snapshot}: lookups on the request path, routing's
 * among them, cost no read except one Query a minute per container.
 */
public final class RegistryCache {
    private final RegistryRepository repository;
    private final Snapshot<Registry> snapshot;

    public RegistryCache(RegistryRepository repository, Clock clock) {
        this.repository = repository;
        this.snapshot = new Snapshot<>(this::load, clock);
    }

    public Registry get() {
        return snapshot.get();
    }

    /** The registry as stored now: what a registry write must be checked against. */
    public Registry fresh() {
        snapshot.invalidate();
        return snapshot.get();
    }

    /** Forgets the snapshot: the next lookup reads the store. */
    public void invalidate() {
        snapshot.invalidate();
    }

    private Registry load() {
        RegistryRepository.Contents stored = repository.contents();
        return Registry.of(stored.areas(), stored.categories(), stored.teams());
    }
}
