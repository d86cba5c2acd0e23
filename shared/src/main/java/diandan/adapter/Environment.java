package diandan.adapter;

import java.util.Map;

/**
 * A function's configuration: its environment variables as Lambda sets them from template.yaml. The local
 * stack runs every function in one JVM, so it supplies each function's variables here while that function's
 * handler is constructed.
 */
public final class Environment {
    private static final ThreadLocal<Map<String, String>> SUPPLIED = new ThreadLocal<>();

    private Environment() {
    }

    public static String get(String name) {
        Map<String, String> supplied = SUPPLIED.get();
        if (supplied != null && supplied.containsKey(name)) {
            return supplied.get(name);
        }
        return System.getenv(name);
    }

    public static String require(String name) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    /** Runs {@code body} (typically a handler's construction) with these variables in effect on this thread. */
    public static <T> T with(Map<String, String> variables, java.util.function.Supplier<T> body) {
        Map<String, String> before = SUPPLIED.get();
        SUPPLIED.set(variables);
        try {
            return body.get();
        } finally {
            if (before == null) {
                SUPPLIED.remove();
            } else {
                SUPPLIED.set(before);
            }
        }
    }
}
