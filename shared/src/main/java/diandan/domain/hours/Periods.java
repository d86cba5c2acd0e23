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

    /** A month's period, {@code YYYY-MM} (a valid period that is not a year or all time). */
    public static boolean isMonth(String period) {
        return period.length() == 7;
    }

    /** The year of a month's period: {@code 2026} of {@code 2026-11}. */
    public static String yearOf(String month) {
        return month.substring(0, 4);
    }

    /** The month's two digits of a month's period: {@code 11} of {@code 2026-11}. */
    public static String monthOf(String month) {
        return month.substring(5);
    }

    public static boolean isValid(String period) {
        return period != null && (period.equals(ALL) || period.matches("(19|20|21)\\d{2}(-(0[1-9]|1[0-2]))?"));
    }
}
