package diandan.app.points;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.app.stars.StarLevelService;
import diandan.domain.hours.Periods;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.domain.points.PointsRule;
import diandan.port.hours.TallyRepository;

/**
 * Earns points from the rollup's batches, exactly once (docs/points.md): each record whose certified hours a batch
 * changes (a certification, or a correction replacing it) is one step {@code earn#<batch>#<record>} of its
 * volunteer's ledger, done once however often the batch is rerun. Hours taken away come first, so that a
 * correction within the cap gives back what it takes before it earns anew.
 */
public final class PointsEarning {
    private final PointsAccounts accounts;
    private final TallyRepository tallies;
    private final StarLevelService stars;
    private final PointsRuleService rules;

    public PointsEarning(PointsAccounts accounts, TallyRepository tallies, StarLevelService stars,
                         PointsRuleService rules) {
        this.accounts = accounts;
        this.tallies = tallies;
        this.stars = stars;
        this.rules = rules;
    }

    /** Called once the batch's tallies are applied, so that the star level read includes the batch's hours. */
    public void earn(RollupPlan plan) {
        PointsRule rule = rules.current();
        Map<String, Integer> levels = new HashMap<>();
        List<RollupPlan.Planned> changed = plan.records().stream().filter(r -> change(r) != 0)
                .sorted(Comparator.comparingLong(PointsEarning::change)).toList();
        for (RollupPlan.Planned record : changed) {
            String volunteer = record.facts().volunteerId();
            int level = levels.computeIfAbsent(volunteer, v -> stars.current().levelOf(
                    tallies.tally(TallyKey.of(TallyScope.VOLUNTEER, v, Periods.ALL)).halfHours()));
            accounts.count().once(PointsAccounts.log(volunteer), "earn#" + plan.number() + "#" + record.id(),
                    e -> e.batch() != 0 && e.batch() < plan.number(), balance -> {
                        long points = rule.pointsFor(change(record), level, balance);
                        return Optional.of(new ExactCount.Change(points > 0 ? "earned" : "reversed", points,
                                plan.number(), record.id()));
                    });
        }
    }

    private static long change(RollupPlan.Planned record) {
        return record.to().halfHours() - record.from().halfHours();
    }
}
