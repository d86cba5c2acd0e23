package diandan.app;

import diandan.domain.Validation;

/** How many items one page of a list holds: the client's {@code limit}, within bounds, or the default. */
public final class PageSize {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageSize() {
    }

    /** The page size {@code limit} asks for, the default when absent; a bad value is reported to {@code v}. */
    public static int of(Validation v, String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        v.fail("limit", "must be a whole number from 1 to " + MAX);
        return DEFAULT;
    }
}
