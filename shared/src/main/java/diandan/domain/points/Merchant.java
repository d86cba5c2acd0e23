package diandan.domain.points;

/** A merchant (爱心超市) where volunteers redeem points, registered in an area by that area's admins. */
public record Merchant(String id, String name, String areaId) {
    /** A merchant's or an item's name: what a receipt and a shelf label hold. */
    public static final int MAX_NAME = 80;
}
