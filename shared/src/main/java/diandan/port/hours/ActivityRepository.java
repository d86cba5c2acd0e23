package diandan.port.hours;

import java.time.Instant;
import java.util.Optional;

import diandan.domain.hours.Activity;
import diandan.port.Page;

/** Teams' activities: created once, never changed here. */
public interface ActivityRepository {
    /**
     * A list of activities: a team's or an area's, latest start first.
     *
     * @param from inclusive lower bound on the start, or null
     * @param to exclusive upper bound on the start, or null
     */
    record Query(Scope scope, String scopeId, Instant from, Instant to, int limit, String cursor) {
        public enum Scope { TEAM, COMMUNITY, STREET, DISTRICT }
    }

    /** Stores a new activity; false when one with its id exists already (an idempotent retry). */
    boolean create(Activity activity);

    Optional<Activity> find(String id);

    Page<Activity> list(Query query);
}
