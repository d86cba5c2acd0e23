package diandan.adapter.http;

import java.util.Set;

import diandan.domain.Clocks;

/**
 * The {@code clocks} object of a request body, {@code {respondMinutes, replyMinutes, resolveMinutes,
 * respondTimeBase?, replyTimeBase?, resolveTimeBase?, warnAtPercent?}}, as a category or a channel override carries it; absent
 * members are null, for the use case to report (or, for a time base, to default).
 */
public final class ClockFields {
    public static final String FIELD = "clocks";
    private static final Set<String> MEMBERS = Set.of("respondMinutes", "replyMinutes", "resolveMinutes",
            "respondTimeBase", "replyTimeBase", "resolveTimeBase", "warnAtPercent");

    private ClockFields() {
    }

    public static Clocks.Form read(JsonBody body) {
        JsonBody clocks = body.object(FIELD, MEMBERS);
        return clocks == null ? new Clocks.Form(null, null, null, null, null, null, null)
                : new Clocks.Form(clocks.integer("respondMinutes"), clocks.integer("replyMinutes"),
                        clocks.integer("resolveMinutes"), clocks.string("respondTimeBase"),
                        clocks.string("replyTimeBase"), clocks.string("resolveTimeBase"),
                        clocks.integer("warnAtPercent"));
    }
}
