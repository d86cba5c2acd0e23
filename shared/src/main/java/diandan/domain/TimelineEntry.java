package diandan.domain;

import java.time.Instant;

/** One thing that happened to a request: when, what, who (a subject, or "system"), and why. */
public record TimelineEntry(Instant at, String type, String actor, String note) {
    public static final String SYSTEM = "system";
}
