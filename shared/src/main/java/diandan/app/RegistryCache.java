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
 * The registry as a snapshot kept for at most {@link #MAX_AGE}: lookups on the request path cost no read
 * except one Query a minute per container. Writes through this instance are visible at once.
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

    /** Forgets the snapshot: the next lookup reads the store. */
    public synchronized void invalidate() {
        snapshot = null;
    }

    private Registry load() {
        Map<String, Category> categories = new LinkedHashMap<>();
        Category.BUILT_IN.forEach(c -> categories.put(c.code(), c));
        for (Category stored : repository.storedCategories()) {
            boolean builtIn = categories.containsKey(stored.code()) && categories.get(stored.code()).builtIn();
            categories.put(stored.code(), new Category(stored.code(), stored.name(), builtIn, stored.clocks()));
        }
        return new Registry(repository.areas(), categories.values());
    }
}
