package diandan.domain.hours;

import java.util.Optional;

import diandan.domain.Codes;

/**
 * How a record's hours were captured: by checking in and out on site (信用时), or entered by hand afterwards
 * (荣誉时). Records stored before the distinction existed were all entered by hand.
 */
public enum Capture {
    CHECK_IN, MANUAL;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<Capture> fromCode(String code) {
        return Codes.parse(Capture.class, code);
    }

    /** A stored record's capture; a record without one predates check-in and was entered by hand. */
    public static Capture stored(String code) {
        return code == null ? MANUAL : fromCode(code).orElse(MANUAL);
    }
}
