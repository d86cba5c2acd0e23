package diandan.domain.identity;

import java.util.regex.Pattern;

/**
 * The national volunteer number (志愿者编号) a volunteer was given on registering with the national volunteer
 * service information system. Its layout differs by province and has changed over the years, so only its
 * alphabet and length are checked: 6 to 32 digits and capital letters.
 */
public final class VolunteerNumbers {
    public static final int MAX_LENGTH = 32;
    private static final Pattern SHAPE = Pattern.compile("[0-9A-Z]{6," + MAX_LENGTH + "}");

    private VolunteerNumbers() {
    }

    public static boolean isValid(String number) {
        return number != null && SHAPE.matcher(number).matches();
    }
}
