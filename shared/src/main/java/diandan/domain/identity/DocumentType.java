package diandan.domain.identity;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The identity documents a volunteer may register with, each with the shape its number must have. */
public enum DocumentType {
    /** Mainland resident identity card: 18 characters, GB 11643 (birth date and check digit). */
    RESIDENT_ID("resident_id", "身份证", ResidentIds::isValid),
    /** Any country's passport: 5 to 17 letters and digits (a Chinese one is E or G plus 8 digits). */
    PASSPORT("passport", "护照", Pattern.compile("[A-Z0-9]{5,17}").asMatchPredicate()),
    /** Mainland travel permit for Hong Kong and Macao residents: H or M, then 8 (or formerly 10) digits. */
    HK_MACAO_PASS("hk_macao_pass", "港澳居民来往内地通行证", Pattern.compile("[HM]\\d{8}(\\d{2})?").asMatchPredicate()),
    /** Mainland travel permit for Taiwan residents: 8 (or formerly 10) digits. */
    TAIWAN_PASS("taiwan_pass", "台湾居民来往大陆通行证", Pattern.compile("\\d{8}(\\d{2})?").asMatchPredicate()),
    /**
     * Foreigner's permanent residence card: 3-letter country code plus 12 digits, or since 2023 an 18-digit
     * number beginning with 9 that carries a GB 11643 check digit.
     */
    FOREIGN_PERMANENT_ID("foreign_permanent_id", "外国人永久居留身份证",
            Pattern.compile("[A-Z]{3}\\d{12}").asMatchPredicate()
                    .or(number -> number.startsWith("9") && ResidentIds.hasValidCheckDigit(number)));

    private final String code;
    private final String label;
    private final Predicate<String> shape;

    DocumentType(String code, String label, Predicate<String> shape) {
        this.code = code;
        this.label = label;
        this.shape = shape;
    }

    /** How certificates and the national system name it (证件类型). */
    public String label() {
        return label;
    }

    /** How the API and storage spell it. */
    public String code() {
        return code;
    }

    public static Optional<DocumentType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    boolean accepts(String number) {
        return shape.test(number);
    }
}
