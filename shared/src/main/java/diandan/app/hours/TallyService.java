package diandan.app.hours;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;
import diandan.app.stars.StarLevelService;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Ids;
import diandan.domain.Registry;
import diandan.domain.Validation;
import diandan.domain.hours.Periods;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.domain.stars.StarLevels;
import diandan.port.hours.TallyRepository;

/**
 * Reading the totals: one tally is one item; a city's or a province's is its districts' added, read together; a
 * leaderboard a fixed number of items. Any signed-in user reads them.
 */
public final class TallyService {
    public static final int DEFAULT_LEADERBOARD_SIZE = 10;

    /**
     * The top of a period within an area; on a volunteers' board, each entry's star level by volunteer id (from
     * their all-time hours everywhere, not the board's own period and area).
     */
    public record Leaderboard(TallyScope scope, String period, Area area, List<Tally> entries,
                              Map<String, Integer> starLevels) {
    }

    private final TallyRepository tallies;
    private final RegistryCache registry;
    private final StarLevelService stars;

    public TallyService(TallyRepository tallies, RegistryCache registry, StarLevelService stars) {
        this.tallies = tallies;
        this.registry = registry;
        this.stars = stars;
    }

    public Tally tally(String scopeText, String idText, String periodText) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        Optional<TallyScope> scope = scope(v, scopeText,
                "volunteer, team, community, street, district, city, province or category");
        String id = v.requiredText("id", idText, 64);
        if (id != null && !Ids.isWellFormed(id)) {
            v.fail("id", "is not an id");
        } else if (id != null && scope.isPresent()) {
            TallyScope s = scope.get();
            switch (s) {
                case COMMUNITY, STREET, DISTRICT, CITY, PROVINCE -> {
                    AreaType type = AreaType.valueOf(s.name());
                    if (snapshot.area(id).filter(a -> a.type() == type).isEmpty()) {
                        v.fail("id", "no " + type.code() + " '" + id + "'");
                    }
                }
                case CATEGORY -> {
                    if (snapshot.category(id).isEmpty()) {
                        v.fail("id", "unknown category '" + id + "'");
                    }
                }
                case VOLUNTEER, TEAM -> {
                    // any well-formed id: a volunteer or team without certified hours has an empty tally
                }
            }
        }
        String period = period(v, periodText);
        v.throwIfAny();
        TallyKey key = TallyKey.of(scope.get(), id, period);
        if (scope.get().isSumOfDistricts()) {
            return Tally.sum(key, tallies.tallies(snapshot.districtsWithin(id).stream()
                    .map(district -> TallyKey.of(TallyScope.DISTRICT, district, period)).toList()));
        }
        return tallies.tally(key);
    }

    public Leaderboard leaderboard(String scopeText, String periodText, String areaIdText, String limitText) {
        Registry snapshot = registry.get();
        Validation v = new Validation();
        Optional<TallyScope> scope = scope(v, scopeText, "volunteer or team");
        if (scope.isPresent() && !scope.get().isRanked()) {
            v.fail("scope", "must be volunteer or team");
        }
        String period = period(v, periodText);
        String areaId = v.optionalText("areaId", areaIdText, 64);
        int limit = limitText == null || limitText.isBlank() ? DEFAULT_LEADERBOARD_SIZE : PageSize.of(v, limitText);
        v.throwIfAny();
        Area area = snapshot.areaOrDistrict("areaId", areaId);
        area.type().requireWithinDistrict("areaId");
        List<Tally> entries = tallies.leaderboard(scope.get(), area.type(), area.id(), period, limit);
        Map<String, Integer> starLevels = new HashMap<>();
        if (scope.get() == TallyScope.VOLUNTEER) {
            StarLevels levels = stars.current();
            // one GetItem per entry (ten by default): the volunteer's all-time tally, as the rollup keeps it
            entries.forEach(e -> starLevels.put(e.key().id(),
                    levels.levelOf(tallies.tally(TallyKey.of(TallyScope.VOLUNTEER, e.key().id(), Periods.ALL)).halfHours())));
        }
        return new Leaderboard(scope.get(), period, area, entries, starLevels);
    }

    private static Optional<TallyScope> scope(Validation v, String text, String allowed) {
        String code = v.requiredText("scope", text, 20);
        Optional<TallyScope> scope = Optional.ofNullable(code).flatMap(TallyScope::fromCode);
        if (code != null && scope.isEmpty()) {
            v.fail("scope", "must be " + allowed);
        }
        return scope;
    }

    /** {@code 2026-11}, {@code 2026} or {@code all} (the default). */
    private static String period(Validation v, String text) {
        String period = v.optionalText("period", text, 10);
        if (period == null) {
            return v.has("period") ? null : Periods.ALL;
        }
        if (!Periods.isValid(period)) {
            v.fail("period", "must be a month (2026-11), a year (2026) or all");
            return null;
        }
        return period;
    }
}
