package diandan.domain.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The window an order counts in: Beijing weeks from Monday 00:00, or the session it is placed for. */
class CapacityTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final Offering SATURDAYS = OfferingTest.offering(Map.of("saturday", List.of("09:00-12:00")), null);

    @Test
    void aWeekRunsFromMondayMidnightInBeijingNotInUtc() {
        Capacity weekly = new Capacity(Capacity.Per.WEEK, 5);
        // Sunday 2026-12-06 23:58 Beijing (15:58 UTC): still the week of Monday 2026-11-30
        assertEquals(Optional.of("W2026-11-30"), weekly.window(SATURDAYS, Instant.parse("2026-12-06T15:58:00Z"), BEIJING));
        // Monday 00:01 Beijing is Sunday 16:01 UTC: already the next week
        assertEquals(Optional.of("W2026-12-07"), weekly.window(SATURDAYS, Instant.parse("2026-12-06T16:01:00Z"), BEIJING));
        // New Year's Eve 2027 23:58 Beijing is a Friday of the week of Monday 2027-12-27
        assertEquals(Optional.of("W2027-12-27"), weekly.window(SATURDAYS, Instant.parse("2027-12-31T15:58:00Z"), BEIJING));
    }

    @Test
    void aSessionWindowIsTheSessionRunningOrNext() {
        Capacity perSession = new Capacity(Capacity.Per.SESSION, 3);
        assertEquals(Optional.of("S2026-12-05T09:00"),
                perSession.window(SATURDAYS, Instant.parse("2026-12-01T00:00:00Z"), BEIJING));
        assertEquals(Optional.of("S2026-12-05T09:00"),
                perSession.window(SATURDAYS, Instant.parse("2026-12-05T03:00:00Z"), BEIJING));
        assertEquals(Optional.of("S2026-12-12T09:00"),
                perSession.window(SATURDAYS, Instant.parse("2026-12-05T04:00:00Z"), BEIJING));
    }

    @Test
    void noSessionAheadIsNoWindow() {
        Offering past = OfferingTest.offering(null, List.of("2026-12-24 14:00-17:00"));
        assertEquals(Optional.empty(), new Capacity(Capacity.Per.WEEK, 5)
                .window(past, Instant.parse("2026-12-25T00:00:00Z"), BEIJING));
    }
}
