package diandan.domain.hours;

import java.util.Optional;

import diandan.domain.Codes;

/**
 * What a tally sums over. Leaderboards rank volunteers and teams within an area. A city's and a province's tallies
 * are not stored: they are read as the sum of their districts' ({@link #isSumOfDistricts}).
 */
public enum TallyScope {
    VOLUNTEER, TEAM, COMMUNITY, STREET, DISTRICT, CATEGORY, CITY, PROVINCE;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<TallyScope> fromCode(String code) {
        return Codes.parse(TallyScope.class, code);
    }

    /** A level above the districts: the rollup keeps no tally of its own for it. */
    public boolean isSumOfDistricts() {
        return this == CITY || this == PROVINCE;
    }

    public boolean isRanked() {
        return this == VOLUNTEER || this == TEAM;
    }
}
