package diandan.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from the store at most once per {@link #MAX_AGE} per container: how the request path looks
 * things up (the registry, the clock policy) without a read each time. A change made through this container
 * invalidates it, so it is visible here at once and everywhere within a minute.
 */
public final class Snapshot<T> {
    /** How stale a snapshot may be: an admin's change reaches every container within a minute. */
    public static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final Supplier<T> loader;
    private final Clock clock;
    private T value;
    private Instant loadedAt;

    public Snapshot(Supplier<T> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    public synchronized T get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(loadedAt.plus(MAX_AGE))) {
            value = loader.get();
            loadedAt = now;
        }
        return value;
    }

    /**
     * Takes {@code known} as the value, read now: what this container just wrote, applied to what it had just
     * read, so that its next lookups see the write without reading the store again.
     */
    public synchronized void set(T known) {
        value = known;
        loadedAt = clock.instant();
    }

    /** Forgets the value: the next lookup reads the store. */
    public synchronized void invalidate() {
        value = null;
    }
}
