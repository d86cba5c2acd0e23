package diandan.domain.hours;

import java.time.Instant;

/** A volunteer's objection to their own record, for the certifiers to see. */
public record Dispute(String reason, String by, Instant at) {
}
