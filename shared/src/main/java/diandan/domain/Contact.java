package diandan.domain;

/** The resident's contact details: personal data, shown whole only to those entitled, never logged. */
public record Contact(String name, String phone, String address) {
    /** What a request holds once its contact data is erased: nothing to reach the resident by. */
    public static final Contact ERASED = new Contact(null, null, null);

    public boolean isErased() {
        // field by field, not equals(ERASED): a record's equals is bootstrapped through method handles, dozens of
        // classes loaded by the first request written
        return name == null && phone == null && address == null;
    }

    /** What everyone else sees: {@code 张*}, {@code 138****5678}, the first characters of the address. */
    public Contact masked() {
        return new Contact(maskName(name), PhoneNumbers.mask(phone), maskAddress(address));
    }

    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    static String maskAddress(String address) {
        if (address == null) {
            return null;
        }
        int keep = Math.min(4, address.codePointCount(0, address.length()) / 2);
        return address.substring(0, address.offsetByCodePoints(0, keep)) + "****";
    }

    @Override
    public String toString() {
        return "Contact[masked]";
    }
}
