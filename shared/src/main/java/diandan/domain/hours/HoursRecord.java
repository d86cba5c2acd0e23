package diandan.domain.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import diandan.domain.AreaPath;
import diandan.domain.Ids;

/**
 * One volunteer's hours for one source. Records are never edited or deleted: a correction is a new record
 * that, once certified, supersedes the one it corrects (and everything that one superseded).
 *
 * @param rootId the original record of a chain of corrections (its own id for an original)
 * @param teamName the organiser as it was named when the hours were recorded, for certificates
 * @param content what the service was (an activity's title, a request's category), for certificates
 * @param area where the service was: whose dispatchers see and certify the record
 * @param supersedes the records this one replaces once certified: the one it corrects and its predecessors
 * @param requestKey who recorded it under which idempotency key (a hash), null without a key
 * @param bodyHash a hash of the whole recording call, to tell a retry from a different call under one key
 * @param capture whether the hours come from a check-in and check-out on site or were entered by hand
 */
public record HoursRecord(String id, String rootId, String volunteerId, String teamId, String teamName, Source source,
                          String content, String category, AreaPath area, int halfHours, LocalDate date, String role,
                          String note, RecordStatus status, String correctsId, List<String> supersedes,
                          String correctionReason, List<Dispute> disputes, String recordedBy, Instant recordedAt,
                          String certifiedBy, Instant certifiedAt, String supersededBy, String requestKey,
                          String bodyHash, long version, Capture capture) {
    public HoursRecord {
        supersedes = List.copyOf(supersedes);
        disputes = List.copyOf(disputes);
    }

    /** One record per volunteer per source: the id is derived from both, so a duplicate meets the first. */
    public static String originalId(String volunteerId, Source source) {
        return Ids.derivedId("h", volunteerId, source.type().code(), source.id());
    }

    /** At most one correction per record: a correction of a correction makes a chain. */
    public static String correctionId(String correctedId) {
        return Ids.derivedId("h", correctedId, "correction");
    }

    public TallyFacts facts() {
        return new TallyFacts(volunteerId, teamId, area, category, date);
    }

    /** The correction of this record: same volunteer, source and day; other hours; pending until certified. */
    public HoursRecord correctedBy(int newHalfHours, String reason, String actor, Instant at) {
        List<String> replaced = new ArrayList<>(supersedes);
        replaced.add(id);
        return new HoursRecord(correctionId(id), rootId, volunteerId, teamId, teamName, source, content, category,
                area, newHalfHours, date, role, note, RecordStatus.PENDING, id, replaced, reason, List.of(), actor, at,
                null, null, null, null, null, 1, capture);
    }
}
