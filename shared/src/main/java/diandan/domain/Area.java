package diandan.domain;

/** A node of the tree district → street → community. */
public record Area(String id, String name, AreaType type, String parentId) {
    /** Ids are short, URL-safe and key-safe. */
    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    }
}
