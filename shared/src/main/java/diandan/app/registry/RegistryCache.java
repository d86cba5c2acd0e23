package diandan.app.registry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import diandan.app.Snapshot;
import diandan.domain.Category;
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
        Map<String, Category> categories = new LinkedHashMap<>();
        Category.BUILT_IN.forEach(c -> categories.put(c.code(), c));
        for (Category category : stored.categories()) {
            boolean builtIn = categories.containsKey(category.code()) && categories.get(category.code()).builtIn();
            categories.put(category.code(), new Category(category.code(), category.name(), builtIn, category.clocks()));
        }
        return new Registry(stored.areas(), categories.values(), stored.teams());
    }
}
