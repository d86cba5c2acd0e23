package diandan.domain;

import java.util.List;

/** A service type of the "8+N": the 8 built in, the N added locally; each with its clocks. */
public record Category(String code, String name, boolean builtIn, Clocks clocks) {
    /** The eight built-in categories, with the desk's promise as their clocks until an admin changes them. */
    public static final List<Category> BUILT_IN = List.of(
            builtIn("theory_policy", "理论政策宣讲"),
            builtIn("culture_arts", "文化文艺服务"),
            builtIn("education", "助学支教"),
            builtIn("medical_fitness", "医疗健身"),
            builtIn("science", "科学普及"),
            builtIn("legal", "法律服务"),
            builtIn("sanitation_environment", "卫生环保"),
            builtIn("poverty_relief", "扶贫帮困"));

    private static Category builtIn(String code, String name) {
        return new Category(code, name, true, Clocks.DESK_PROMISE);
    }

    /** Codes are lower snake case, so they read well in URLs and keys. */
    public static boolean isValidCode(String code) {
        return code != null && code.matches("[a-z][a-z0-9_]{1,39}");
    }
}
