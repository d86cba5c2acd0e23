package diandan.domain.hours;

import java.util.Optional;

import diandan.domain.Codes;

/**
 * A record's status. It only moves forward: pending → certified → superseded, or pending → superseded when a
 * correction is certified first. Only certified records count.
 */
public enum RecordStatus {
    PENDING, CERTIFIED, SUPERSEDED;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<RecordStatus> fromCode(String code) {
        return Codes.parse(RecordStatus.class, code);
    }
}
