package diandan.domain.hours;

import java.util.ArrayList;
import java.util.List;

import diandan.domain.AreaType;

/**
 * One running total: a scope's id in a period. With an area it is a leaderboard entry: a volunteer's or a
 * team's hours within that community, street or district (a volunteer may serve in several).
 *
 * @param areaLevel the ranking area's level, null for the tallies {@code GET /tallies} reads
 * @param areaId the ranking area, null for the tallies {@code GET /tallies} reads
 */
public record TallyKey(TallyScope scope, String id, AreaType areaLevel, String areaId, String period) {
    public static TallyKey of(TallyScope scope, String id, String period) {
        return new TallyKey(scope, id, null, null, period);
    }

    public boolean isRanking() {
        return areaId != null;
    }

    /** Every total a record counts in: six scopes and the two rankings at each area level, in three periods. */
    public static List<TallyKey> of(TallyFacts facts) {
        List<TallyKey> keys = new ArrayList<>();
        for (String period : Periods.of(facts.date())) {
            keys.add(of(TallyScope.VOLUNTEER, facts.volunteerId(), period));
            keys.add(of(TallyScope.TEAM, facts.teamId(), period));
            keys.add(of(TallyScope.COMMUNITY, facts.area().communityId(), period));
            keys.add(of(TallyScope.STREET, facts.area().streetId(), period));
            keys.add(of(TallyScope.DISTRICT, facts.area().districtId(), period));
            keys.add(of(TallyScope.CATEGORY, facts.category(), period));
            for (AreaType level : AreaType.IN_A_DISTRICT) {
                String area = facts.area().idAt(level);
                keys.add(new TallyKey(TallyScope.VOLUNTEER, facts.volunteerId(), level, area, period));
                keys.add(new TallyKey(TallyScope.TEAM, facts.teamId(), level, area, period));
            }
        }
        return keys;
    }
}
