package diandan.app.records;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import diandan.app.IdempotencyKey;
import diandan.app.registry.RegistryCache;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.hours.ServiceDates;
import diandan.domain.records.RecordKind;
import diandan.domain.records.RecordsAccess;
import diandan.domain.records.VolunteerRecord;
import diandan.port.records.VolunteerRecordStore;
import diandan.port.registry.TeamRoster;

/**
 * A volunteer's trainings and awards ({@code POST|GET /volunteers/{id}/trainings}, {@code .../awards}): recorded by
 * a leader of their team or an admin ({@link RecordsAccess}), read by whoever sees their hours.
 */
public final class VolunteerRecords {
    /** A list shows at most this many, newest first: a volunteer's file is short. */
    public static final int MAX_LISTED = 100;

    private final VolunteerRecordStore store;
    private final TeamRoster roster;
    private final RegistryCache registry;
    private final Clock clock;

    public VolunteerRecords(VolunteerRecordStore store, TeamRoster roster, RegistryCache registry, Clock clock) {
        this.store = store;
        this.roster = roster;
        this.registry = registry;
        this.clock = clock;
    }

    /** A record and whether it is the answer of an earlier call under the same {@code Idempotency-Key}. */
    public record Recorded(VolunteerRecord record, boolean replayed) {
    }

    /**
     * Checks the key, the caller and then the fields; stores nothing unless all pass. With an
     * {@code Idempotency-Key} (optional, as for the other creating routes) its id derives from the caller and the
     * key and is claimed before the record is stored: a retry answers the first call's record (finishing its
     * storing if that call failed in between), the key reused for another body is 422.
     */
    public Recorded record(Caller caller, String volunteerId, RecordKind kind, String titleText, String organiserText,
                           String dateText, String noteText, String idempotencyKey) {
        IdempotencyKey.check(idempotencyKey);
        RecordsAccess.requireRecord(caller, volunteerId, teamsOf(volunteerId), registry.get());
        Validation v = new Validation();
        String title = v.requiredText("title", titleText, VolunteerRecord.MAX_TITLE);
        String organiser = v.requiredText("organiser", organiserText, VolunteerRecord.MAX_ORGANISER);
        LocalDate date = v.required("date", ServiceDates.parse(v, "date", dateText));
        String note = v.optionalMultiLineText("note", noteText, VolunteerRecord.MAX_NOTE);
        if (date != null && date.isAfter(ServiceDates.dateOf(clock.instant()))) {
            v.fail("date", "must not lie in the future");
        }
        v.throwIfAny();
        VolunteerRecord record = new VolunteerRecord(IdempotencyKey.id(kind == RecordKind.TRAINING ? "tr" : "aw", caller,
                idempotencyKey, clock.instant()), volunteerId, kind, title, organiser, date, note, caller.sub(),
                clock.instant());
        if (idempotencyKey != null) {
            String fingerprint = Ids.fingerprint(volunteerId, kind.code(), title, organiser, date.toString(),
                    String.valueOf(note));
            Optional<VolunteerRecordStore.Keyed> earlier = store.claim(new VolunteerRecordStore.Keyed(record, fingerprint));
            if (earlier.isPresent()) {
                IdempotencyKey.requireSameBody(earlier.get().fingerprint(), fingerprint, "a different " + kind.code(),
                        "a new " + kind.code());
                store.create(earlier.get().record());
                return new Recorded(earlier.get().record(), true);
            }
        }
        store.create(record);
        return new Recorded(record, false);
    }

    public List<VolunteerRecord> list(Caller caller, String volunteerId, RecordKind kind) {
        RecordsAccess.requireRead(caller, volunteerId, teamsOf(volunteerId), registry.get());
        return store.list(volunteerId, kind, MAX_LISTED);
    }

    /** The volunteer's teams; 404 for one the registry does not know. */
    private List<String> teamsOf(String volunteerId) {
        return Optional.ofNullable(volunteerId).filter(Ids::isWellFormed).flatMap(roster::volunteer)
                .map(TeamRoster.Volunteer::teamIds).orElseThrow(() -> Problem.notFound("volunteer " + volunteerId));
    }
}
