package diandan.domain;

import java.util.Optional;

/** The levels of the area tree, and the service body at each: centre, institute, station. */
public enum AreaType {
    DISTRICT, STREET, COMMUNITY;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<AreaType> fromCode(String code) {
        return Codes.parse(AreaType.class, code);
    }

    /** The type a node of this type must have as its parent; null for the root. */
    public AreaType parentType() {
        return switch (this) {
            case DISTRICT -> null;
            case STREET -> DISTRICT;
            case COMMUNITY -> STREET;
        };
    }
}
