package diandan.app.points;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.points.PointsRule;
import diandan.domain.stars.StarLevels;
import diandan.port.points.PointsRuleStore;

/**
 * The points rule of the deployment ({@code GET|PUT /points/rule}): one for every district, like the star levels,
 * so only an admin of the whole deployment changes it; any signed-in user reads it. A new rule applies to hours the
 * rollup takes from then on; points already in the ledger stay as earned.
 */
public final class PointsRuleService {
    private final PointsRuleStore store;

    public PointsRuleService(PointsRuleStore store) {
        this.store = store;
    }

    public PointsRule current() {
        return store.find().orElse(PointsRule.STANDARD);
    }

    /** Checks the caller and then the rule; stores nothing unless both pass. */
    public PointsRule set(Caller caller, Integer pointsPerHour, Integer cap, Integer fromLevel) {
        Access.requireDeploymentAdmin(caller);
        PointsRule rule = PointsRule.of(pointsPerHour, cap, fromLevel, StarLevels.MAX_LEVELS);
        store.save(rule);
        return rule;
    }
}
