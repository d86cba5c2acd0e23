package diandan.port.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import diandan.domain.hours.Dispute;
import diandan.domain.hours.HoursRecord;
import diandan.port.Page;

/** Where hours records live. Every change is one conditional single-item write. */
public interface HoursRepository {
    /**
     * The reservations of one volunteer's day: the total, and each chain of records' share of it; {@code version}
     * the stored ledger's, 0 when the day has none yet.
     */
    record DayLedger(int reservedHalfHours, Map<String, Integer> byChain, long version) {
        public DayLedger {
            byChain = Map.copyOf(byChain);
        }

        public int of(String chain) {
            return byChain.getOrDefault(chain, 0);
        }
    }

    Optional<HoursRecord> find(String id);

    /** The records that exist among {@code ids}, by id. */
    Map<String, HoursRecord> findAll(Collection<String> ids);

    /** Stores a new record; false when one with its id exists already. */
    boolean create(HoursRecord record);

    DayLedger day(String volunteerId, LocalDate date);

    /** A volunteer's day. */
    record VolunteerDay(String volunteerId, LocalDate date) {
    }

    /** The ledgers of these days as stored now, in one read; a day without one has an empty ledger. */
    Map<VolunteerDay, DayLedger> days(Collection<VolunteerDay> days);

    /**
     * Reserves a chain's hours on a volunteer's day, safely under concurrency: the chain's share becomes the larger
     * of what it held and {@code halfHours}, and the day's total may not pass {@code limit}. Reservations are never
     * given back, so the total bounds every combination of the day's records that can be certified.
     *
     * @param readAhead the day's ledger as the caller read it ({@link #days}), which the first attempt is
     *                  conditional on; null to read it here
     * @return false when the day's limit would be passed; nothing is reserved then
     */
    boolean reserve(String volunteerId, LocalDate date, String chain, int halfHours, int limit, DayLedger readAhead);

    /**
     * Pending → certified, queued for the rollup.
     *
     * @throws ConcurrentChangeException when the record is no longer pending
     */
    HoursRecord certify(HoursRecord record, String by, Instant at);

    /** Marks the record superseded by {@code byId} and queues it for the rollup; false when it already was. */
    boolean supersede(String id, String byId, Instant at);

    /**
     * Adds a dispute to the record as read, unless it has {@code maxDisputes} already.
     *
     * @throws ConcurrentChangeException when it has, or when the record changed since it was read
     */
    HoursRecord dispute(HoursRecord record, Dispute dispute, int maxDisputes);

    Page<HoursRecord> list(RecordQuery query);
}
