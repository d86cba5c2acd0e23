package diandan.domain.hours;

import java.math.BigDecimal;

import diandan.domain.Validation;

/**
 * Service hours counted in half hours, the step the national record system takes. Kept as whole numbers
 * everywhere, so that sums, deltas and the daily limit are exact.
 */
public final class HalfHours {
    /** 24 hours: the most one volunteer can serve on one day, across all their records. */
    public static final int PER_DAY_LIMIT = 48;
    /** {@link #PER_DAY_LIMIT} in hours, as a client gives hours and as refusals state the limit. */
    public static final BigDecimal PER_DAY_LIMIT_HOURS = toHours(PER_DAY_LIMIT);

    private HalfHours() {
    }

    /**
     * Checks hours as a client sent them: more than 0, at most a day's limit (no one record can hold more than a
     * volunteer may serve in a day), in half-hour steps; null when invalid.
     */
    public static Integer parse(Validation v, String field, Double hours) {
        if (hours == null) {
            v.fail(field, "is required");
            return null;
        }
        double doubled = hours * 2;
        if (hours <= 0 || doubled > PER_DAY_LIMIT) {
            v.fail(field, "must be more than 0 and at most " + PER_DAY_LIMIT_HOURS);
            return null;
        }
        if (doubled != Math.rint(doubled)) {
            v.fail(field, "must be in half-hour steps, such as 1.5 or 2");
            return null;
        }
        return (int) doubled;
    }

    /** Half hours as hours, with no trailing zeros: 5 → 2.5, 6 → 3. */
    public static BigDecimal toHours(long halfHours) {
        return halfHours % 2 == 0 ? BigDecimal.valueOf(halfHours / 2) : BigDecimal.valueOf(halfHours * 5, 1);
    }

    /** Hours as stored by the table (exact decimals) back to half hours. */
    public static long fromHours(BigDecimal hours) {
        return hours.multiply(BigDecimal.valueOf(2)).longValueExact();
    }
}
