package diandan.domain;

/** A community with its street and district: where a request lies, and whose dispatchers see it. */
public record AreaPath(String communityId, String streetId, String districtId) {
    public boolean contains(String areaId) {
        return areaId != null && (areaId.equals(communityId) || areaId.equals(streetId) || areaId.equals(districtId));
    }
}
