package diandan.adapter.http;

import java.util.Set;

/**
 * The {@code clocks} object of a request body, {@code {respondMinutes, replyMinutes, resolveMinutes}}, as a
 * category or a channel override carries it; absent members are null, for the use case to report.
 */
public record ClockFields(Integer respondMinutes, Integer replyMinutes, Integer resolveMinutes) {
    public static final String FIELD = "clocks";
    private static final Set<String> MEMBERS = Set.of("respondMinutes", "replyMinutes", "resolveMinutes");

    public static ClockFields read(JsonBody body) {
        JsonBody clocks = body.object(FIELD, MEMBERS);
        return clocks == null ? new ClockFields(null, null, null)
                : new ClockFields(clocks.integer("respondMinutes"), clocks.integer("replyMinutes"),
                        clocks.integer("resolveMinutes"));
    }
}
