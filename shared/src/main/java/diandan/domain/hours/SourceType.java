package diandan.domain.hours;

import java.util.Optional;

import diandan.domain.Codes;

/** What hours are recorded against: a resolved request the team served, or an activity it organised. */
public enum SourceType {
    REQUEST, ACTIVITY;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<SourceType> fromCode(String code) {
        return Codes.parse(SourceType.class, code);
    }
}
