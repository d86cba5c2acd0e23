package diandan.domain.hours;

import java.util.Locale;
import java.util.Optional;

/** What a tally sums over. Leaderboards rank volunteers and teams within an area. */
public enum TallyScope {
    VOLUNTEER, TEAM, COMMUNITY, STREET, DISTRICT, CATEGORY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TallyScope> fromCode(String code) {
        for (TallyScope scope : values()) {
            if (scope.code().equals(code)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    public boolean isRanked() {
        return this == VOLUNTEER || this == TEAM;
    }
}
