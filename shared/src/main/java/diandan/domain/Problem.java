package diandan.domain;

import java.util.List;

/**
 * Everything a use case refuses, with the HTTP status it maps to. The domain states the reason; the HTTP
 * adapter turns it into problem+json.
 */
public class Problem extends RuntimeException {
    /** One field's complaint in a validation problem. */
    public record FieldError(String field, String message) {
    }

    public enum Kind {
        BAD_REQUEST(400, "bad-request", "Bad request"),
        UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
        FORBIDDEN(403, "forbidden", "Forbidden"),
        NOT_FOUND(404, "not-found", "Not found"),
        NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
        CONFLICT(409, "conflict", "Conflict"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
        VALIDATION(422, "validation-failed", "Validation failed"),
        TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
        UNAVAILABLE(503, "storage-unavailable", "Service temporarily unavailable");

        public final int status;
        public final String slug;
        public final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public Problem(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public Problem(Kind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static Problem notFound(String what) {
        return new Problem(Kind.NOT_FOUND, what + " not found");
    }

    public static Problem forbidden(String detail) {
        return new Problem(Kind.FORBIDDEN, detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(Kind.CONFLICT, detail);
    }

    /** A cursor this list did not hand out (another list's, another caller's, forged or garbled). */
    public static Problem badCursor() {
        String message = "is not a cursor of this list; start again without it";
        return new Problem(Kind.BAD_REQUEST, "cursor " + message, List.of(new FieldError("cursor", message)));
    }

    public static Problem invalid(String field, String message) {
        return new Problem(Kind.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)));
    }
}
