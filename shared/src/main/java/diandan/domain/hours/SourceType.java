package diandan.domain.hours;

import java.util.Locale;
import java.util.Optional;

/** What hours are recorded against: a resolved request the team served, or an activity it organised. */
public enum SourceType {
    REQUEST, ACTIVITY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceType> fromCode(String code) {
        for (SourceType type : values()) {
            if (type.code().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
