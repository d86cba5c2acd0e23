package diandan.domain.points;

/** A merchant (爱心超市) where volunteers redeem points, registered in an area by that area's admins. */
public record Merchant(String id, String name, String areaId) {
}
