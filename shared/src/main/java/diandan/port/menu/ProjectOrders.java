package diandan.port.menu;

import java.time.Instant;

/** How many orders each project has taken in each window (a week or a session): counted exactly, each once. */
public interface ProjectOrders {
    /**
     * Counts this request's order in the window if fewer than {@code limit} are counted there; true when it is
     * counted, now or by an earlier attempt for the same request.
     */
    boolean take(String projectId, String window, int limit, String requestId, Instant at);

    /** How many orders the window holds. */
    int taken(String projectId, String window);
}
