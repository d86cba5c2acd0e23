package diandan.app.hours;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursRecord;
import diandan.port.ConcurrentChangeException;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.HoursRepository.DayLedger;
import diandan.port.hours.HoursRepository.VolunteerDay;

/**
 * Holds {@link HalfHours#PER_DAY_LIMIT} per volunteer and day across all their records, under concurrency: each
 * chain of records (an original and its corrections) reserves its share of the day on the day's ledger before
 * a record is written, and a reservation is never given back.
 */
final class DailyLimit {
    /**
     * The hours one record would hold on its volunteer's day.
     *
     * @param field the request field a refusal names
     * @param chain the id of the chain's original record: a correction shares its original's reservation
     */
    record Claim(String field, String volunteerId, LocalDate date, String chain, int halfHours) {
        static Claim of(HoursRecord record, String field) {
            return new Claim(field, record.volunteerId(), record.date(), record.rootId(), record.halfHours());
        }

        VolunteerDay day() {
            return new VolunteerDay(volunteerId, date);
        }
    }

    private final HoursRepository records;

    DailyLimit(HoursRepository records) {
        this.records = records;
    }

    /**
     * Checks every volunteer's day before anything is written, so that a call over the limit writes nothing;
     * every claim on a day that would pass it is refused.
     */
    void requireRoomFor(List<Claim> claims, Map<VolunteerDay, DayLedger> ledgers) {
        Validation v = new Validation();
        Map<VolunteerDay, List<Claim>> byDay = claims.stream().collect(Collectors.groupingBy(Claim::day,
                LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<VolunteerDay, List<Claim>> entry : byDay.entrySet()) {
            List<Claim> day = entry.getValue();
            DayLedger ledger = ledgers.get(entry.getKey());
            int needed = day.stream().mapToInt(c -> Math.max(0, c.halfHours() - ledger.of(c.chain()))).sum();
            if (ledger.reservedHalfHours() + needed > HalfHours.PER_DAY_LIMIT) {
                day.forEach(c -> v.fail(c.field(), overLimit(c)
                        + " (" + HalfHours.toHours(ledger.reservedHalfHours()) + " h recorded already)"));
            }
        }
        v.throwIfAny();
    }

    /** The ledgers of the volunteers' days, in one read: for {@link #requireRoomFor} and {@link #reserve}. */
    Map<VolunteerDay, DayLedger> ledgers(List<VolunteerDay> days) {
        return records.days(days);
    }

    /** Reserves the claim on the ledger, the step that holds the limit when two calls check the same day at once. */
    void reserve(Claim claim) {
        reserve(claim, null);
    }

    /** As {@link #reserve(Claim)}, its first attempt on the day's ledger as read ahead ({@link #ledgers}). */
    void reserve(Claim claim, DayLedger readAhead) {
        boolean reserved;
        try {
            reserved = records.reserve(claim.volunteerId(), claim.date(), claim.chain(), claim.halfHours(),
                    HalfHours.PER_DAY_LIMIT, readAhead);
        } catch (ConcurrentChangeException busy) {
            throw Problem.conflict("hours of " + claim.volunteerId() + " on " + claim.date()
                    + " are being recorded by someone else right now; retry");
        }
        if (!reserved) {
            throw Problem.invalid(claim.field(), overLimit(claim));
        }
    }

    private static String overLimit(Claim claim) {
        return "would bring " + claim.volunteerId() + " to more than " + HalfHours.PER_DAY_LIMIT_HOURS + " hours on "
                + claim.date();
    }
}
