package diandan.domain;

import java.util.Optional;

/** Why a team puts a request on hold: it waits on the resident. */
public enum HoldReason {
    /** The resident cannot be reached. */
    RESIDENT_UNREACHABLE,
    /** The team asked the resident for information. */
    AWAITING_INFORMATION,
    /** The resident chose a later date. */
    RESIDENT_LATER_DATE;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<HoldReason> fromCode(String code) {
        return Codes.parse(HoldReason.class, code);
    }
}
