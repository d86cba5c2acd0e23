package diandan.app.points;

import java.util.LinkedHashMap;
import java.util.Map;

import diandan.app.stars.StarLevelService;
import diandan.domain.hours.Periods;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.domain.points.PointsRule;
import diandan.port.hours.TallyRepository;
import diandan.port.points.PointsLedger;

/**
 * Earns points from the rollup's batches, exactly once (docs/points.md): each record whose certified hours a batch
 * changes (a certification, or a correction replacing it) gets one ledger entry named by record and batch, written
 * once; then each volunteer's balance takes the batch's sum of those entries once. A replay finds the entries
 * written and the balance marked, and adds nothing; so a balance always equals the sum of its entries.
 */
public final class PointsEarning {
    private final PointsLedger ledger;
    private final TallyRepository tallies;
    private final StarLevelService stars;
    private final PointsRuleService rules;

    public PointsEarning(PointsLedger ledger, TallyRepository tallies, StarLevelService stars, PointsRuleService rules) {
        this.ledger = ledger;
        this.tallies = tallies;
        this.stars = stars;
        this.rules = rules;
    }

    /** Called once the batch's tallies are applied, so that the star level read includes the batch's hours. */
    public void earn(RollupPlan plan) {
        PointsRule rule = rules.current();
        Map<String, Long> balances = new LinkedHashMap<>();
        Map<String, Long> earned = new LinkedHashMap<>();
        for (RollupPlan.Planned record : plan.records()) {
            long change = record.to().halfHours() - record.from().halfHours();
            if (change == 0) {
                continue;
            }
            String volunteer = record.facts().volunteerId();
            long balance = balances.computeIfAbsent(volunteer, ledger::balance) + earned.getOrDefault(volunteer, 0L);
            int level = stars.current().levelOf(tallies.tally(TallyKey.of(TallyScope.VOLUNTEER, volunteer, Periods.ALL))
                    .halfHours());
            long points = ledger.recordEntry(volunteer, record.id() + "#" + plan.number(),
                    rule.pointsFor(change, level, balance));
            earned.merge(volunteer, points, Long::sum);
        }
        earned.forEach((volunteer, points) -> ledger.applyBatch(volunteer, plan.number(), points));
    }
}
