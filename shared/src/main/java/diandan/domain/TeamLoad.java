package diandan.domain;

import java.time.Instant;

/**
 * A team's load as routing sees it: how many of its requests are open (dispatched, accepted, in service) and
 * when it was last dispatched one (null: never, so it has waited longest).
 */
public record TeamLoad(String teamId, int openCount, Instant lastDispatchedAt) {
    public static TeamLoad idle(String teamId) {
        return new TeamLoad(teamId, 0, null);
    }

    public boolean isBelow(int capacity) {
        return openCount < capacity;
    }

    public String of(int capacity) {
        return openCount + "/" + capacity;
    }
}
