package diandan.domain.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import diandan.domain.AreaPath;

/** The rules of check-in that need no storage: codes and their window, the radius, the rounding of a pair. */
class CheckInRulesTest {
    static final Instant START = Instant.parse("2026-12-05T01:00:00Z");

    static Session session(String id, String secret) {
        return new Session(id, "a1", "team-care", "理发", "elderly_care", new AreaPath("xinbei", "weiyang", "weicheng"),
                START, START.plus(Duration.ofHours(3)), new Place("新北社区活动室", 34.3412, 108.9398, 100), 20, false,
                "leader", START.minus(Duration.ofDays(3)), secret, null);
    }

    @Test
    void aCodeIsTakenDuringItsStepAndTheNextOnlyAndOnlyForItsSession() {
        Session session = session("s1", CheckInCodes.newSecret());
        Instant shown = START.plusSeconds(5);
        String code = CheckInCodes.codeAt(session, shown);
        assertTrue(code.matches("\\d{6}"));
        assertTrue(CheckInCodes.accepts(session, code, shown));
        assertTrue(CheckInCodes.accepts(session, code, shown.plusSeconds(60)), "the step after: still taken");
        assertFalse(CheckInCodes.accepts(session, code, shown.plusSeconds(120)), "two steps on: too old");
        assertFalse(CheckInCodes.accepts(session, code, shown.minusSeconds(60)), "not before it is shown");
        assertEquals(START.plusSeconds(120), CheckInCodes.validUntil(shown));
        Session other = session("s2", CheckInCodes.newSecret());
        assertNotEquals(code, CheckInCodes.codeAt(other, shown));
        assertFalse(CheckInCodes.accepts(other, code, shown));
        assertFalse(CheckInCodes.accepts(session, "12345", shown));
    }

    @Test
    void thePositionCountsWithinTheRadiusByGreatCircleDistance() {
        Place place = session("s1", "x").place();
        assertTrue(place.contains(34.3412, 108.9398));
        assertTrue(place.contains(34.3420, 108.9398), "89 m north");
        assertFalse(place.contains(34.3422, 108.9398), "111 m north");
        assertEquals(1112, place.metresFrom(34.3512, 108.9398), 2, "0.01 degree of latitude");
        assertFalse(new Place("x", null, null, null).contains(34.3412, 108.9398), "no point: no position check-in");
    }

    @ParameterizedTest(name = "in {0}, out {1} -> {2} half hours")
    @CsvSource(textBlock = """
            01:00, 04:00, 6
            00:10, 04:50, 6
            01:00, 01:14, 1
            01:00, 01:15, 1
            01:00, 01:44, 1
            01:00, 01:45, 2
            01:05, 02:20, 3
            03:59, 04:00, 1
            """)
    void aPairCountsItsTimeWithinTheSessionToTheNearestHalfHourAtLeastOneAtMostTheSession(String in, String out,
                                                                                           int halfHours) {
        Session session = session("s1", "x");
        assertEquals(halfHours, Attendance.halfHours(session, Instant.parse("2026-12-05T" + in + ":00Z"),
                Instant.parse("2026-12-05T" + out + ":00Z")));
    }
}
