package diandan.domain;

/**
 * A community with its street and district: where a request lies, and whose dispatchers see it. The levels above
 * the district (city, province) are not part of it: they are read from the registry, so that a district placed
 * under a city later is seen by that city's desk with everything it already holds.
 */
public record AreaPath(String communityId, String streetId, String districtId) {
    public boolean contains(String areaId) {
        return areaId != null && (areaId.equals(communityId) || areaId.equals(streetId) || areaId.equals(districtId));
    }

    /** The id at one level of the path; null above the district, which the path does not hold. */
    public String idAt(AreaType level) {
        return switch (level) {
            case COMMUNITY -> communityId;
            case STREET -> streetId;
            case DISTRICT -> districtId;
            case CITY, PROVINCE -> null;
        };
    }
}
