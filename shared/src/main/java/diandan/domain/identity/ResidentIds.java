package diandan.domain.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** Mainland resident identity numbers (GB 11643-1999): 6-digit area, birth date, sequence, check character. */
public final class ResidentIds {
    private static final Pattern SHAPE = Pattern.compile("[1-9]\\d{16}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private ResidentIds() {
    }

    /** An 18-character number whose birth date is a real day and whose last character is its check character. */
    public static boolean isValid(String number) {
        return hasValidCheckDigit(number) && isRealDay(number.substring(6, 14));
    }

    /** 17 digits and the ISO 7064 MOD 11-2 check character the standard prescribes. */
    public static boolean hasValidCheckDigit(String number) {
        if (number == null || !SHAPE.matcher(number).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return number.charAt(17) == CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static boolean isRealDay(String yyyymmdd) {
        try {
            LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
