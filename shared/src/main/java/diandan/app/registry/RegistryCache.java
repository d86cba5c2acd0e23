package diandan.app.registry;

import java.time.Clock;
import java.util.List;

import diandan.app.Snapshot;
import diandan.domain.Registry;
import diandan.domain.Team;
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

    /**
     * The registry {@code read} by {@link #fresh} with this container's write of {@code teams} applied: what the
     * store holds now but for writes elsewhere since, which reach every container within a minute anyway.
     */
    public void wrote(Registry read, List<Team> teams) {
        snapshot.set(read.withTeams(teams));
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
