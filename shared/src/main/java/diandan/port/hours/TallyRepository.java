package diandan.port.hours;

import java.util.List;

import diandan.domain.AreaType;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;

/** Reading the totals the rollup keeps: one item per tally; a leaderboard reads its leaders, however many are ranked. */
public interface TallyRepository {
    /** The tally, empty (0 hours, 0 records) when nothing has counted in it yet. */
    Tally tally(TallyKey key);

    /** These tallies, in the order given, read together (a district's for each district of a city). */
    List<Tally> tallies(List<TallyKey> keys);

    /** The top {@code limit} volunteers or teams by hours in a period, within an area of the given level. */
    List<Tally> leaderboard(TallyScope scope, AreaType level, String areaId, String period, int limit);
}
