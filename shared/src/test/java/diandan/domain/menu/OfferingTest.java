package diandan.domain.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import diandan.domain.Validation;
import diandan.domain.calendar.Interval;

/** When a project is offered, read as leaders write it and asked at fixed instants (Beijing time, any run day). */
class OfferingTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    static Offering offering(Map<String, List<String>> weekly, List<String> dates) {
        Validation v = new Validation();
        Offering offering = Offering.read(v, weekly, dates);
        v.throwIfAny();
        return offering;
    }

    static Interval session(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void theNextWeeklySessionIsFoundInBeijingTime() {
        Offering saturdays = offering(Map.of("saturday", List.of("09:00-12:00")), null);
        // Friday 2026-12-04 23:30 Beijing = 15:30 UTC: the next session is the next morning, 09:00 Beijing = 01:00 UTC
        assertEquals(Optional.of(session("2026-12-05T01:00:00Z", "2026-12-05T04:00:00Z")),
                saturdays.sessionAt(Instant.parse("2026-12-04T15:30:00Z"), BEIJING));
        // during the session it is that session; after it, the next Saturday's
        assertEquals(Optional.of(session("2026-12-05T01:00:00Z", "2026-12-05T04:00:00Z")),
                saturdays.sessionAt(Instant.parse("2026-12-05T03:59:00Z"), BEIJING));
        assertEquals(Optional.of(session("2026-12-12T01:00:00Z", "2026-12-12T04:00:00Z")),
                saturdays.sessionAt(Instant.parse("2026-12-05T04:00:00Z"), BEIJING));
    }

    @Test
    void aSpanEndingAtMidnightIsStillRunningAtTwentyThreeFiftyEight() {
        Offering evenings = offering(Map.of("friday", List.of("20:00-24:00")), null);
        // 2027-12-31 15:58 UTC = Friday 23:58 Beijing
        assertEquals(Optional.of(session("2027-12-31T12:00:00Z", "2027-12-31T16:00:00Z")),
                evenings.sessionAt(Instant.parse("2027-12-31T15:58:00Z"), BEIJING));
    }

    @Test
    void datedSessionsEndAndWeeklyOnesDoNot() {
        Offering once = offering(null, List.of("2026-12-24 14:00-17:00", "2026-12-20 09:00-10:00"));
        assertEquals(Optional.of(session("2026-12-20T01:00:00Z", "2026-12-20T02:00:00Z")),
                once.sessionAt(Instant.parse("2026-12-01T00:00:00Z"), BEIJING));
        assertEquals(Optional.of(session("2026-12-24T06:00:00Z", "2026-12-24T09:00:00Z")),
                once.sessionAt(Instant.parse("2026-12-20T02:00:00Z"), BEIJING));
        assertEquals(Optional.empty(), once.sessionAt(Instant.parse("2026-12-24T09:00:00Z"), BEIJING));

        Offering both = offering(Map.of("monday", List.of("08:00-09:00")), List.of("2026-12-24 14:00-17:00"));
        assertTrue(both.sessionAt(Instant.parse("2030-01-01T00:00:00Z"), BEIJING).isPresent());
    }

    @Test
    void badOfferingsAreRefusedWithEveryComplaint() {
        Validation v = new Validation();
        assertNull(Offering.read(v, Map.of("someday", List.of("09:00-10:00"), "monday", List.of("10:00-09:00")),
                List.of("2026-02-30 09:00-10:00")));
        assertTrue(v.has("weekly.someday"));
        assertTrue(v.has("weekly.monday"));
        assertTrue(v.has("dates"));

        Validation none = new Validation();
        assertNull(Offering.read(none, Map.of(), List.of()));
        assertTrue(none.has("weekly"));

        Validation overlapping = new Validation();
        assertNull(Offering.read(overlapping, Map.of("monday", List.of("09:00-11:00", "10:00-12:00")),
                List.of("2026-12-24 14:00-17:00", "2026-12-24 16:00-18:00")));
        assertTrue(overlapping.has("weekly.monday"));
        assertTrue(overlapping.has("dates"));
    }
}
