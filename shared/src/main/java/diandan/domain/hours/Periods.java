package diandan.domain.hours;

import java.time.LocalDate;
import java.util.List;

/** Tally periods: a month ({@code 2026-11}), a year ({@code 2026}) and all time ({@code all}). */
public final class Periods {
    public static final String ALL = "all";

    private Periods() {
    }

    /** The three periods a service on {@code date} counts in. */
    public static List<String> of(LocalDate date) {
        return List.of(String.format("%04d-%02d", date.getYear(), date.getMonthValue()),
                String.format("%04d", date.getYear()), ALL);
    }

    public static boolean isValid(String period) {
        return period != null && (period.equals(ALL) || period.matches("(19|20|21)\\d{2}(-(0[1-9]|1[0-2]))?"));
    }
}
