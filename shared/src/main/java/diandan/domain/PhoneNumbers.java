package diandan.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** Mainland China phone numbers: mobiles (1[3-9] + 9 digits) and landlines (area code + 7 or 8 digits). */
public final class PhoneNumbers {
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** 010 and 02x are the big cities' three-digit codes, with 8-digit numbers; other codes have four digits. */
    private static final Pattern BIG_CITY_LANDLINE = Pattern.compile("(010|02\\d)(\\d{8})");
    private static final Pattern LANDLINE = Pattern.compile("(0[3-9]\\d{2})(\\d{7,8})");

    private PhoneNumbers() {
    }

    /**
     * The number in its stored form ({@code 13812345678}, {@code 029-88881234}), or empty when it is not a
     * valid mainland number. Spaces, dashes and a {@code +86}/{@code 86} prefix are accepted.
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.length() > 24) {
            return Optional.empty();
        }
        String digits = raw.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        if (MOBILE.matcher(digits).matches()) {
            return Optional.of(digits);
        }
        for (Pattern landline : new Pattern[] {BIG_CITY_LANDLINE, LANDLINE}) {
            var match = landline.matcher(digits);
            if (match.matches()) {
                return Optional.of(match.group(1) + "-" + match.group(2));
            }
        }
        return Optional.empty();
    }

    /** {@code 138****5678}; {@code 029-****1234}. */
    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        int dash = phone.indexOf('-');
        if (dash > 0) {
            String number = phone.substring(dash + 1);
            return phone.substring(0, dash + 1) + "*".repeat(Math.max(0, number.length() - 4))
                    + number.substring(Math.max(0, number.length() - 4));
        }
        if (phone.length() < 8) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
