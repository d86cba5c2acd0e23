package diandan.port.records;

import java.util.List;
import java.util.Optional;

import diandan.domain.records.RecordKind;
import diandan.domain.records.VolunteerRecord;

/** A volunteer's trainings and awards. */
public interface VolunteerRecordStore {
    /** Stores it unless one of its id is stored; false then (the second step of a retry under the same key). */
    boolean create(VolunteerRecord record);

    /** A record made under an {@code Idempotency-Key}, with the fingerprint of the body that made it. */
    record Keyed(VolunteerRecord record, String fingerprint) {
    }

    /**
     * Claims a record's id for the key that derived it, holding the whole record and its body's fingerprint, before
     * the record itself is {@link #create created}: empty when claimed now, the earlier claim when the id was
     * claimed before (a retry, or the key reused for another body).
     */
    Optional<Keyed> claim(Keyed keyed);

    /** The volunteer's records of one kind, newest day first, at most {@code limit}. */
    List<VolunteerRecord> list(String volunteerId, RecordKind kind, int limit);
}
