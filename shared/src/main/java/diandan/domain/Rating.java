package diandan.domain;

import java.time.Instant;

/** The resident's verdict on a resolved request (评单). */
public record Rating(int score, String outcome, String comment, Instant at) {
    public static final java.util.List<String> OUTCOMES = java.util.List.of("resolved", "partly", "not_resolved");
}
