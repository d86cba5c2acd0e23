package diandan.domain.hours;

import java.util.Locale;
import java.util.Optional;

/**
 * A record's status. It only moves forward: pending → certified → superseded, or pending → superseded when a
 * correction is certified first. Only certified records count.
 */
public enum RecordStatus {
    PENDING, CERTIFIED, SUPERSEDED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RecordStatus> fromCode(String code) {
        for (RecordStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
