package diandan.app.stars;

import java.util.List;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.stars.StarLevels;
import diandan.port.stars.StarLevelStore;

/**
 * The star-level steps of the deployment ({@code GET|PUT /star-levels}): one set for every district, as the
 * categories and the channels' clocks are, so only an admin of the whole deployment changes them; any signed-in
 * user reads them. The national steps hold until an admin sets others.
 */
public final class StarLevelService {
    private final StarLevelStore store;

    public StarLevelService(StarLevelStore store) {
        this.store = store;
    }

    public StarLevels current() {
        return store.find().orElse(StarLevels.NATIONAL);
    }

    /** Checks the caller and then the steps; stores nothing unless both pass. */
    public StarLevels set(Caller caller, List<Double> thresholds) {
        Access.requireDeploymentAdmin(caller);
        StarLevels levels = StarLevels.of(thresholds);
        store.save(levels);
        return levels;
    }
}
