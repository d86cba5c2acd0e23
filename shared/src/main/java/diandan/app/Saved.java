package diandan.app;

/** What a PUT or an idempotent POST stored, and whether this call created it (201) or not (200). */
public record Saved<T>(T value, boolean created) {
}
