package diandan.domain.records;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A training a volunteer took or an award they received: what, from whom, on which day, who recorded it when.
 * Never edited: a wrong one is recorded again correctly with a note.
 */
public record VolunteerRecord(String id, String volunteerId, RecordKind kind, String title, String organiser,
                              LocalDate date, String note, String recordedBy, Instant recordedAt) {
    public static final int MAX_TITLE = 100;
    public static final int MAX_ORGANISER = 60;
    public static final int MAX_NOTE = 500;
}
