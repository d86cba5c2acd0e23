package diandan.port.records;

import java.util.List;

import diandan.domain.records.RecordKind;
import diandan.domain.records.VolunteerRecord;

/** A volunteer's trainings and awards. */
public interface VolunteerRecordStore {
    /** Stores it unless one of its id is stored; false then (a retry under the same Idempotency-Key). */
    boolean create(VolunteerRecord record);

    /** The volunteer's records of one kind, newest day first, at most {@code limit}. */
    List<VolunteerRecord> list(String volunteerId, RecordKind kind, int limit);
}
