package diandan.app.hours;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import diandan.app.notify.EventOutbox;
import diandan.app.registry.RegistryCache;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.hours.Dispute;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.port.ConcurrentChangeException;
import diandan.port.hours.HoursRepository;

/**
 * What happens to a record after it was recorded ({@code POST /hours/{id}/certify|correct|dispute}): another
 * person certifies it; a correction adds a record instead of editing, and once certified replaces what it
 * corrects; the volunteer disputes their own. A superseded record takes none of these: its successor does.
 * A certification and a dispute are announced on the bus through the outbox, as request writes are.
 */
public final class HoursCertification {
    public static final int MAX_REASON = 500;
    /** Disputes of one record: enough to argue, bounded so that the record item stays small. */
    public static final int MAX_DISPUTES = 10;

    private final HoursRepository records;
    private final RegistryCache registry;
    private final DailyLimit dailyLimit;
    private final EventOutbox events;
    private final Clock clock;

    /** @param registry for whether a desk's area reaches the record's */
    public HoursCertification(HoursRepository records, RegistryCache registry, EventOutbox events, Clock clock) {
        this.records = records;
        this.registry = registry;
        this.events = events;
        this.dailyLimit = new DailyLimit(records);
        this.clock = clock;
    }

    /**
     * Certifies a pending record; once certified, a correction supersedes what it replaces. Certifying again
     * finishes an interrupted certification and answers the same.
     */
    public HoursRecord certify(Caller caller, String id) {
        return certifyOnce(caller, id).record();
    }

    /** A certified record, and whether this call certified it (false: it was certified before, or meanwhile). */
    public record Certified(HoursRecord record, boolean byThisCall) {
    }

    /** {@link #certify}, telling apart the call that certified the record from those that found it certified. */
    public Certified certifyOnce(Caller caller, String id) {
        HoursRecord record = load(caller, id);
        HoursAccess.requireCertify(caller, record, registry.get());
        Certified certified = switch (record.status()) {
            case SUPERSEDED -> throw superseded(record);
            case CERTIFIED -> new Certified(record, false);
            case PENDING -> {
                Instant at = clock.instant();
                EventOutbox.Held held = events.holdCertified(record, caller.sub(), at);
                try {
                    HoursRecord made = records.certify(record, caller.sub(), at);
                    events.release(held);
                    yield new Certified(made, true);
                } catch (ConcurrentChangeException lost) {
                    events.abandon(held);
                    HoursRecord now = records.find(id).orElseThrow();
                    if (now.status() != RecordStatus.CERTIFIED) {
                        throw superseded(now);
                    }
                    yield new Certified(now, false);
                }
            }
        };
        // the rollup does this too, should this call stop here: the correction counts, never both
        HoursRecord done = certified.record();
        done.supersedes().forEach(replaced -> records.supersede(replaced, done.id(), clock.instant()));
        return certified;
    }

    /** Adds a correction record: pending until certified, then it replaces the corrected record's hours. */
    public HoursRecord correct(Caller caller, String id, Double hours, String reasonText) {
        Validation v = new Validation();
        Integer halfHours = HalfHours.parse(v, "hours", hours);
        String reason = v.requiredMultiLineText("reason", reasonText, MAX_REASON);
        v.throwIfAny();
        HoursRecord record = load(caller, id);
        HoursAccess.requireCorrect(caller, record, registry.get());
        requireNotSuperseded(record);
        if (halfHours == record.halfHours()) {
            throw Problem.invalid("hours", "must differ from the record's " + HalfHours.toHours(record.halfHours()) + " h");
        }
        HoursRecord correction = record.correctedBy(halfHours, reason, caller.sub(), clock.instant());
        Optional<HoursRecord> existing = records.find(correction.id());
        if (existing.isPresent()) {
            return sameCorrection(existing.get(), correction);
        }
        dailyLimit.reserve(DailyLimit.Claim.of(correction, "hours"));
        if (!records.create(correction)) {
            return sameCorrection(records.find(correction.id()).orElseThrow(), correction);
        }
        return correction;
    }

    /** A retry of the same correction answers it again; any other correction of the record is refused. */
    private static HoursRecord sameCorrection(HoursRecord existing, HoursRecord wanted) {
        boolean same = existing.halfHours() == wanted.halfHours() && existing.correctionReason().equals(wanted.correctionReason())
                && existing.recordedBy().equals(wanted.recordedBy());
        if (!same) {
            throw Problem.conflict("record " + wanted.correctsId() + " has a correction already (record " + existing.id()
                    + "); correct that one");
        }
        return existing;
    }

    /** The volunteer objects to their own record; certifiers see every dispute on the record. */
    public HoursRecord dispute(Caller caller, String id, String reasonText) {
        Validation v = new Validation();
        String reason = v.requiredMultiLineText("reason", reasonText, MAX_REASON);
        v.throwIfAny();
        HoursRecord record = load(caller, id);
        HoursAccess.requireDispute(caller, record, registry.get());
        requireNotSuperseded(record);
        Dispute dispute = new Dispute(reason, caller.sub(), clock.instant());
        EventOutbox.Held held = events.holdDisputed(record, dispute);
        try {
            HoursRecord disputed = records.dispute(record, dispute, MAX_DISPUTES);
            events.release(held);
            return disputed;
        } catch (ConcurrentChangeException refused) {
            events.abandon(held);
            if (records.find(id).map(r -> r.disputes().size() >= MAX_DISPUTES).orElse(false)) {
                throw Problem.conflict("record " + id + " has " + MAX_DISPUTES + " disputes already; ask the team or a dispatcher");
            }
            throw Problem.conflict("record " + id + " was changed at the same time; reload it and try again");
        }
    }

    private HoursRecord load(Caller caller, String id) {
        if (!Ids.isWellFormed(id)) {
            throw Problem.notFound("record " + id);
        }
        HoursRecord record = records.find(id).orElseThrow(() -> Problem.notFound("record " + id));
        HoursAccess.requireRead(caller, record, registry.get());
        return record;
    }

    /** After the caller's right to the change is checked: a superseded record is refused to those who may change it. */
    private static void requireNotSuperseded(HoursRecord record) {
        if (record.status() == RecordStatus.SUPERSEDED) {
            throw superseded(record);
        }
    }

    private static Problem superseded(HoursRecord record) {
        return Problem.conflict("record " + record.id() + " is superseded"
                + (record.supersededBy() == null ? "" : " by record " + record.supersededBy()) + "; use that one");
    }
}
