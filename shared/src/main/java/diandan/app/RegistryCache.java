package diandan.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import diandan.domain.Category;
import diandan.domain.Registry;
import diandan.port.RegistryRepository;

/**
 * The registry (areas, categories, teams) as a snapshot kept for at most {@link #MAX_AGE}: lookups on the
 * request path, routing's among them, cost no read except one Query a minute per container. Writes through
 * this container invalidate it, so they are visible here at once and elsewhere within a minute.
 */
public final class RegistryCache {
    /** How stale a registry snapshot may be: an admin's change reaches every container within a minute. */
    public static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final RegistryRepository repository;
    private final Clock clock;
    private Registry snapshot;
    private Instant loadedAt;

    public RegistryCache(RegistryRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public synchronized Registry get() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(loadedAt.plus(MAX_AGE))) {
            snapshot = load();
            loadedAt = now;
        }
        return snapshot;
    }

    /** The registry as stored now: what a registry write must be checked against. */
    public synchronized Registry fresh() {
        invalidate();
        return get();
    }

    /** Forgets the snapshot: the next lookup reads the store. */
    public synchronized void invalidate() {
        snapshot = null;
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
