package diandan.port.points;

import java.util.Optional;

import diandan.domain.points.PointsRule;

/** The deployment's points rule, as an admin last set it. */
public interface PointsRuleStore {
    /** The rule set, or empty while none was. */
    Optional<PointsRule> find();

    void save(PointsRule rule);
}
