package diandan.domain.points;

import diandan.domain.Problem;

/**
 * How certified hours earn points (积分), kept apart from the hours themselves: points per certified hour, rounded
 * half up to whole points, earned from a star level on, and a balance that never grows past a cap.
 *
 * @param pointsPerHour points one certified hour earns
 * @param cap the most points a balance may hold; earning stops there
 * @param fromLevel the star level (0 = everyone) from which certified hours earn points
 */
public record PointsRule(int pointsPerHour, long cap, int fromLevel) {
    /** In force until an admin sets another: 1 point per hour, whole points, at most 10,000, from 1★. */
    public static final PointsRule STANDARD = new PointsRule(1, 10_000, 1);
    /** Bounds that catch typing errors: no hour is worth more, no balance holds more. */
    public static final int MAX_POINTS_PER_HOUR = 1_000;
    public static final long MAX_CAP = 10_000_000;

    /** The rule an admin gives, checked: whole numbers within bounds (422 naming the field otherwise). */
    public static PointsRule of(Integer pointsPerHour, Integer cap, Integer fromLevel, int maxLevel) {
        require("pointsPerHour", pointsPerHour, 0, MAX_POINTS_PER_HOUR);
        require("cap", cap, 0, MAX_CAP);
        require("fromLevel", fromLevel, 0, maxLevel);
        return new PointsRule(pointsPerHour, cap, fromLevel);
    }

    private static void require(String field, Integer value, long min, long max) {
        if (value == null) {
            throw Problem.invalid(field, "is required");
        }
        if (value < min || value > max) {
            throw Problem.invalid(field, "must be a whole number from " + min + " to " + max);
        }
    }

    /**
     * The points a change of certified hours moves, given the volunteer's star level and balance before it: a gain
     * earns only when eligible and only up to the cap; a loss (a correction taking hours away) takes back its points
     * but never more than the balance holds, so a balance is never negative.
     */
    public long pointsFor(long halfHoursChange, int level, long balance) {
        long points = (Math.abs(halfHoursChange) * pointsPerHour + 1) / 2;
        if (halfHoursChange > 0) {
            return level < fromLevel ? 0 : Math.max(0, Math.min(points, cap - balance));
        }
        return -Math.min(points, Math.max(0, balance));
    }
}
