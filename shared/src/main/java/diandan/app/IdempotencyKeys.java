package diandan.app;

import diandan.domain.Problem;

/** The {@code Idempotency-Key} header's form, the same for every route that takes one. */
public final class IdempotencyKeys {
    public static final int MAX_LENGTH = 128;

    private IdempotencyKeys() {
    }

    /** Absent is fine; present, it must be 1 to 128 printable ASCII characters, else 400. */
    public static void requireValid(String key) {
        if (key != null && !key.matches("[\\x21-\\x7e]{1," + MAX_LENGTH + "}")) {
            throw new Problem(Problem.Kind.BAD_REQUEST,
                    "Idempotency-Key must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
    }
}
