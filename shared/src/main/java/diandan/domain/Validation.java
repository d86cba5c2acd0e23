package diandan.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field's complaint before refusing, so that a client learns all its mistakes at once.
 * Text rules: no control characters (but newlines and tabs where multi-line text is allowed), no unpaired
 * surrogates, bounded length in characters as people count them.
 */
public final class Validation {
    private static final Instant EARLIEST_INSTANT = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST_INSTANT = Instant.parse("2100-01-01T00:00:00Z");

    private final List<Problem.FieldError> errors;
    /** What this validation's fields are named within: empty, or a path such as {@code teams.t1.} */
    private final String prefix;

    public Validation() {
        this(new ArrayList<>(), "");
    }

    private Validation(List<Problem.FieldError> errors, String prefix) {
        this.errors = errors;
        this.prefix = prefix;
    }

    /**
     * The checks of one part of a larger document (a team in a registry file) under the part's name, so that a
     * rule written for one object's fields names the field within the document; complaints go to this validation.
     */
    public Validation within(String part) {
        return new Validation(errors, prefix + part + ".");
    }

    public Validation fail(String field, String message) {
        errors.add(new Problem.FieldError(prefix + field, message));
        return this;
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(prefix + field));
    }

    /** Checks a one-line text value that must be given; returns it trimmed, or null when absent or invalid. */
    public String requiredText(String field, String value, int maxLength) {
        return text(field, value, true, maxLength, false);
    }

    /** Checks a one-line text value that may be absent; returns it trimmed, or null when absent or invalid. */
    public String optionalText(String field, String value, int maxLength) {
        return text(field, value, false, maxLength, false);
    }

    /** As {@link #requiredText}, for text that may run over lines (newlines and tabs allowed). */
    public String requiredMultiLineText(String field, String value, int maxLength) {
        return text(field, value, true, maxLength, true);
    }

    /** As {@link #optionalText}, for text that may run over lines (newlines and tabs allowed). */
    public String optionalMultiLineText(String field, String value, int maxLength) {
        return text(field, value, false, maxLength, true);
    }

    /**
     * Checks a time value that may be absent: an ISO-8601 UTC instant between 2000 and 2100; returns it, or null
     * when absent or invalid.
     */
    public Instant optionalInstant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant parsed = Instant.parse(value.strip());
            if (parsed.isBefore(EARLIEST_INSTANT) || !parsed.isBefore(LATEST_INSTANT)) {
                fail(field, "must lie between 2000 and 2100");
                return null;
            }
            return parsed;
        } catch (DateTimeParseException e) {
            fail(field, "must be an ISO-8601 UTC time such as 2026-11-28T09:30:00Z");
            return null;
        }
    }

    /**
     * Refuses a value that its check found absent; one the check refused already (malformed, out of range) is not
     * refused a second time. Returns the value.
     */
    public <T> T required(String field, T checked) {
        if (checked == null && !has(field)) {
            fail(field, "is required");
        }
        return checked;
    }

    private String text(String field, String value, boolean required, int maxLength, boolean multiLine) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            fail(field, "must be at most " + maxLength + " characters");
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < trimmed.length()
                        && Character.isLowSurrogate(trimmed.charAt(i + 1));
                if (!paired) {
                    fail(field, "contains an unpaired surrogate");
                    return null;
                }
                i++;
            } else if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\t' || c == '\r'))) {
                fail(field, "contains a control character");
                return null;
            }
        }
        return trimmed;
    }

    /**
     * The order of a range's ends, one rule for every {@code from}/{@code to} a client gives: a range without its
     * end ({@code [from, to)}, times) must end after it begins, else it holds nothing; one with its end
     * ({@code [from, to]}, days) must not end before it. Ends that are absent or already refused are not compared.
     *
     * @return whether both ends are given and in order, so that a caller may go on to check the span
     */
    public <T extends Comparable<? super T>> boolean orderedEndExcluded(T from, T to) {
        return ordered(from, to, false);
    }

    /** As {@link #orderedEndExcluded}, for a range that holds its end: {@code [from, to]}, days. */
    public <T extends Comparable<? super T>> boolean orderedEndIncluded(T from, T to) {
        return ordered(from, to, true);
    }

    private <T extends Comparable<? super T>> boolean ordered(T from, T to, boolean endIncluded) {
        if (from == null || to == null) {
            return false;
        }
        if (endIncluded ? to.compareTo(from) < 0 : to.compareTo(from) <= 0) {
            fail("to", endIncluded ? "must not lie before from" : "must lie after from");
            return false;
        }
        return true;
    }

    /** Whether any complaint was made: what a checked value's factory returns null on. */
    public boolean failed() {
        return errors.stream().anyMatch(e -> e.field().startsWith(prefix));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid";
            throw new Problem(Problem.Kind.VALIDATION, detail, errors);
        }
    }
}
