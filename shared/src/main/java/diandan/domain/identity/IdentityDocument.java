package diandan.domain.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * A volunteer's identity document: personal data of the highest class. It is never printed (see
 * {@link #toString()}), stored only as a {@link StoredIdentity}, and shown whole only to the volunteer and admins.
 */
public record IdentityDocument(DocumentType type, String number) {
    private static final int MAX_LENGTH = 24;

    /** The document in its stored form (upper case, no spaces), or empty when the number does not fit its type. */
    public static Optional<IdentityDocument> parse(String typeCode, String rawNumber) {
        if (rawNumber == null || rawNumber.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String number = rawNumber.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return DocumentType.fromCode(typeCode).filter(type -> type.accepts(number))
                .map(type -> new IdentityDocument(type, number));
    }

    /** {@code 1101**********002X}: long numbers keep their first and last four characters, short ones less. */
    public String masked() {
        int head = number.length() >= 12 ? 4 : 2;
        int tail = number.length() >= 12 ? 4 : 2;
        return number.substring(0, head) + "*".repeat(number.length() - head - tail)
                + number.substring(number.length() - tail);
    }

    @Override
    public String toString() {
        return "IdentityDocument[" + type.code() + " " + masked() + "]";
    }
}
