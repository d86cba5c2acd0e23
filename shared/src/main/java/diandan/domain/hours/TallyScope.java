package diandan.domain.hours;

import java.util.Optional;

import diandan.domain.Codes;

/** What a tally sums over. Leaderboards rank volunteers and teams within an area. */
public enum TallyScope {
    VOLUNTEER, TEAM, COMMUNITY, STREET, DISTRICT, CATEGORY;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<TallyScope> fromCode(String code) {
        return Codes.parse(TallyScope.class, code);
    }

    public boolean isRanked() {
        return this == VOLUNTEER || this == TEAM;
    }
}
