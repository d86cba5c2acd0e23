package diandan.domain;

import java.util.List;
import java.util.Optional;

/**
 * The levels of the area tree, and the service body at each: the province's and the city's offices above the
 * districts (one deployment may serve several districts), then the district's centre, the street's institute,
 * the community's station.
 */
public enum AreaType {
    PROVINCE, CITY, DISTRICT, STREET, COMMUNITY;

    /** The levels of a district's own tree, top down: those a request's {@link AreaPath} names. */
    public static final List<AreaType> IN_A_DISTRICT = List.of(DISTRICT, STREET, COMMUNITY);

    public String code() {
        return Codes.of(this);
    }

    public static Optional<AreaType> fromCode(String code) {
        return Codes.parse(AreaType.class, code);
    }

    /** The type a node of this type has as its parent, if it has one; null for the province. */
    public AreaType parentType() {
        return switch (this) {
            case PROVINCE -> null;
            case CITY -> PROVINCE;
            case DISTRICT -> CITY;
            case STREET -> DISTRICT;
            case COMMUNITY -> STREET;
        };
    }

    /**
     * Whether a node of this type may stand without a parent: the levels above the district are optional, so that a
     * deployment of one district (no city) or of one city (no province) keeps its district or city at the top.
     */
    public boolean mayBeTop() {
        return compareTo(DISTRICT) <= 0;
    }

    /** A city or a province: a level that spans several districts, whose requests no single partition holds. */
    public boolean isAboveDistrict() {
        return compareTo(DISTRICT) < 0;
    }

    /**
     * Lists, alerts and reports read the index partitions of one district or an area within it: a city or a
     * province is refused (422) with what to name instead.
     */
    public AreaType requireWithinDistrict(String field) {
        if (isAboveDistrict()) {
            throw Problem.invalid(field, "names a " + code() + ": lists, alerts and reports read one district at a"
                    + " time; name one of its districts, or an area within one");
        }
        return this;
    }
}
