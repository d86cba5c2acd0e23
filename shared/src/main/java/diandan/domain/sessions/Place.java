package diandan.domain.sessions;

/**
 * Where a session takes place: an address, and optionally a point and a radius within which a volunteer's
 * position counts as being there (check-in by position needs all three).
 */
public record Place(String address, Double latitude, Double longitude, Integer radiusMetres) {
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public boolean hasPoint() {
        return latitude != null && longitude != null && radiusMetres != null;
    }

    /** Great-circle (haversine) distance from the session's point, in metres. */
    public double metresFrom(double lat, double lon) {
        double dLat = Math.toRadians(lat - latitude);
        double dLon = Math.toRadians(lon - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(lat)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public boolean contains(double lat, double lon) {
        return hasPoint() && metresFrom(lat, lon) <= radiusMetres;
    }
}
