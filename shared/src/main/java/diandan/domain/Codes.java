package diandan.domain;

import java.util.Locale;
import java.util.Optional;

/** The API spells enum constants in lower snake case: {@code OPEN_WISH} is {@code open_wish}. */
public final class Codes {
    private Codes() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(code)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
