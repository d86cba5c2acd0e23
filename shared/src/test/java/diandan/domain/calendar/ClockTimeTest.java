package diandan.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Business-time arithmetic over random calendars (several spans a day, holidays, make-up workdays) and random
 * holds, in a zone without daylight saving and in two with it, starting near their clock changes.
 */
class ClockTimeTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<ZoneId> ZONES = List.of(SHANGHAI, ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"));
    /** Moments near which the clocks change in the two daylight-saving zones, and an ordinary one. */
    static final List<Instant> NEAR = List.of(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-29T00:00:00Z"),
            Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-11-01T05:00:00Z"),
            Instant.parse("2026-09-28T02:00:00Z"));

    static ServiceCalendar calendar(ZoneId zone, Map<DayOfWeek, List<ServiceSpan>> weekly, List<LocalDate> holidays,
                                    List<LocalDate> makeUp) {
        return new ServiceCalendar(zone, weekly, new TreeSet<>(holidays), new TreeSet<>(makeUp));
    }

    static ServiceCalendar weekdays(String hours, List<LocalDate> holidays, List<LocalDate> makeUp) {
        Map<DayOfWeek, List<ServiceSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(ServiceSpan.parse(hours)));
        }
        return calendar(SHANGHAI, weekly, holidays, makeUp);
    }

    static Instant beijing(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SHANGHAI).toInstant();
    }

    // --- examples -------------------------------------------------------------------------------------------

    @Test
    void aDeadlineReachedAtClosingTimeIsThatClosingTime() {
        ClockTime time = new ClockTime(TimeBase.SERVICE_HOURS, weekdays("08:30-18:00", List.of(), List.of()));
        assertEquals(beijing("2026-12-01T18:00"), time.deadline(beijing("2026-12-01T17:00"), Duration.ofHours(1), List.of()));
        assertEquals(beijing("2026-12-02T08:31"), time.deadline(beijing("2026-12-01T17:00"), Duration.ofMinutes(61), List.of()));
    }

    @Test
    void aClockStartedOutsideServiceHoursStartsCountingAtTheNextOpening() {
        ClockTime time = new ClockTime(TimeBase.SERVICE_HOURS, weekdays("08:30-18:00", List.of(), List.of()));
        assertEquals(beijing("2026-12-07T08:45"), time.deadline(beijing("2026-12-04T23:10"), Duration.ofMinutes(15), List.of()),
                "a Friday-night request is counted from Monday's opening");
    }

    @Test
    void aContinuousClockCountsWallTimeLessItsHolds() {
        ClockTime time = new ClockTime(TimeBase.CONTINUOUS, weekdays("08:30-18:00", List.of(), List.of()));
        Instant start = beijing("2026-12-04T23:10");
        assertEquals(start.plus(Duration.ofHours(24)), time.deadline(start, Duration.ofHours(24), List.of()));
        Interval hold = new Interval(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(4)));
        assertEquals(start.plus(Duration.ofHours(27)), time.deadline(start, Duration.ofHours(24), List.of(hold)));
        assertEquals(Duration.ofHours(21), time.counted(start, start.plus(Duration.ofHours(24)), List.of(hold)));
    }

    @Test
    void spansTheClocksSkipLastOneHourLessAndSpansTheyRepeatOneHourMore() {
        Map<DayOfWeek, List<ServiceSpan>> allWeek = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            allWeek.put(day, List.of(ServiceSpan.parse("00:00-24:00")));
        }
        ClockTime berlin = new ClockTime(TimeBase.SERVICE_HOURS, calendar(ZoneId.of("Europe/Berlin"), allWeek, List.of(), List.of()));
        Instant springMidnight = Instant.parse("2026-03-28T23:00:00Z");
        assertEquals(Duration.ofHours(23), berlin.counted(springMidnight, Instant.parse("2026-03-29T22:00:00Z"), List.of()));
        Instant autumnMidnight = Instant.parse("2026-10-24T22:00:00Z");
        assertEquals(Duration.ofHours(25), berlin.counted(autumnMidnight, Instant.parse("2026-10-25T23:00:00Z"), List.of()));
    }

    @Test
    void spansParseAsHoursAndMinutesRunningForwardWithinOneDay() {
        assertEquals(new ServiceSpan(510, 1080), ServiceSpan.parse("08:30-18:00"));
        assertEquals(new ServiceSpan(1200, 1440), ServiceSpan.parse("20:00-24:00"));
        for (String bad : new String[] {"18:00-08:30", "08:30-08:30", "24:00-24:30", "8:30-18:00", "08:60-09:00",
                "25:00-26:00", "08:30–18:00", "", "08:30-18:00 "}) {
            assertEquals(null, ServiceSpan.parse(bad), bad);
        }
    }

    // --- properties -----------------------------------------------------------------------------------------

    record Case(ServiceCalendar calendar, Instant start, Duration target, List<Interval> pauses) {
        ClockTime time() {
            return new ClockTime(TimeBase.SERVICE_HOURS, calendar);
        }

        Instant deadline() {
            return time().deadline(start, target, pauses);
        }
    }

    @Property(tries = 400)
    void aServiceHoursDeadlineNeverFallsOutsideServiceHours(@ForAll("cases") Case c) {
        Instant deadline = c.deadline();
        LocalDate date = deadline.atZone(c.calendar().zone()).toLocalDate();
        boolean inside = false;
        for (LocalDate d : List.of(date.minusDays(1), date)) {
            for (ServiceSpan span : c.calendar().spansOn(d)) {
                Interval open = span.on(d, c.calendar().zone());
                inside |= !deadline.isBefore(open.start()) && !deadline.isAfter(open.end());
            }
        }
        assertTrue(inside, () -> deadline + " in " + c);
        for (Interval pause : c.pauses()) {
            assertFalse(deadline.isAfter(pause.start()) && deadline.isBefore(pause.end()), "nor inside a hold");
        }
    }

    @Property(tries = 400)
    void businessTimeBetweenStartAndDeadlineEqualsTheTargetExactly(@ForAll("cases") Case c) {
        assertEquals(c.target(), c.time().counted(c.start(), c.deadline(), c.pauses()));
        assertEquals(c.target().toMinutes() * 60, c.time().counted(c.start(), c.deadline(), c.pauses()).getSeconds());
    }

    @Property(tries = 400)
    void addingAHolidayNeverMakesADeadlineEarlierAndRemovingItNeverLater(@ForAll("cases") Case c,
                                                                         @ForAll("daysAhead") int daysAhead) {
        LocalDate day = c.start().atZone(c.calendar().zone()).toLocalDate().plusDays(daysAhead);
        SortedSet<LocalDate> holidays = new TreeSet<>(c.calendar().holidays());
        holidays.add(day);
        SortedSet<LocalDate> makeUp = new TreeSet<>(c.calendar().makeUpWorkdays());
        makeUp.remove(day);
        ServiceCalendar closed = new ServiceCalendar(c.calendar().zone(), c.calendar().weekly(), holidays, makeUp);
        Instant with = new Case(closed, c.start(), c.target(), c.pauses()).deadline();
        assertFalse(with.isBefore(c.deadline()), "adding a holiday made it earlier");

        SortedSet<LocalDate> fewer = new TreeSet<>(c.calendar().holidays());
        fewer.remove(day);
        ServiceCalendar opened = new ServiceCalendar(c.calendar().zone(), c.calendar().weekly(), fewer,
                c.calendar().makeUpWorkdays());
        assertFalse(new Case(opened, c.start(), c.target(), c.pauses()).deadline().isAfter(c.deadline()),
                "removing a holiday made it later");
    }

    @Property(tries = 400)
    void addingAPauseNeverMakesADeadlineEarlierAndRemovingOneNeverLater(@ForAll("cases") Case c,
                                                                        @ForAll("pause") Interval extra) {
        Interval shifted = new Interval(c.start().plus(extra.start().toEpochMilli(), java.time.temporal.ChronoUnit.MILLIS),
                c.start().plus(extra.end().toEpochMilli(), java.time.temporal.ChronoUnit.MILLIS));
        List<Interval> more = new ArrayList<>(c.pauses());
        more.add(shifted);
        assertFalse(new Case(c.calendar(), c.start(), c.target(), more).deadline().isBefore(c.deadline()));
        if (!c.pauses().isEmpty()) {
            List<Interval> fewer = c.pauses().subList(1, c.pauses().size());
            assertFalse(new Case(c.calendar(), c.start(), c.target(), fewer).deadline().isAfter(c.deadline()));
        }
    }

    @Provide
    Arbitrary<Integer> daysAhead() {
        return Arbitraries.integers().between(-1, 20);
    }

    /** A hold as offsets from a clock's start (epoch millis standing for offsets), up to 3 days in, up to 2 days long. */
    @Provide
    Arbitrary<Interval> pause() {
        return Combinators.combine(Arbitraries.longs().between(0, 3 * 24 * 60), Arbitraries.longs().between(0, 2 * 24 * 60))
                .as((from, length) -> new Interval(Instant.ofEpochMilli(from * 60_000), Instant.ofEpochMilli((from + length) * 60_000)));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ZoneId> zone = Arbitraries.of(ZONES);
        Arbitrary<Map<DayOfWeek, List<ServiceSpan>>> weekly = week();
        Arbitrary<Instant> start = Combinators.combine(Arbitraries.of(NEAR), Arbitraries.longs().between(-3 * 24 * 60, 3 * 24 * 60))
                .as((near, minutes) -> near.plus(Duration.ofMinutes(minutes)));
        Arbitrary<List<Integer>> holidayOffsets = Arbitraries.integers().between(-2, 30).list().ofMaxSize(6);
        Arbitrary<List<Integer>> makeUpOffsets = Arbitraries.integers().between(-2, 30).list().ofMaxSize(3);
        Arbitrary<Duration> target = Arbitraries.integers().between(1, 3 * 24 * 60).map(Duration::ofMinutes);
        Arbitrary<List<Interval>> pauses = pause().list().ofMaxSize(3);
        return Combinators.combine(zone, weekly, start, holidayOffsets, makeUpOffsets, target, pauses)
                .as((z, w, s, hol, mu, t, p) -> {
                    LocalDate first = s.atZone(z).toLocalDate();
                    TreeSet<LocalDate> holidays = new TreeSet<>();
                    hol.forEach(o -> holidays.add(first.plusDays(o)));
                    TreeSet<LocalDate> makeUp = new TreeSet<>();
                    if (!w.get(DayOfWeek.MONDAY).isEmpty()) {
                        mu.forEach(o -> makeUp.add(first.plusDays(o)));
                        makeUp.removeAll(holidays);
                    }
                    List<Interval> holds = new ArrayList<>();
                    p.forEach(offsets -> holds.add(new Interval(s.plusMillis(offsets.start().toEpochMilli()),
                            s.plusMillis(offsets.end().toEpochMilli()))));
                    return new Case(new ServiceCalendar(z, w, holidays, makeUp), s, t, holds);
                });
    }

    /** Each day: no hours, or one to three non-overlapping spans on a 10-minute grid; at least one day serves. */
    Arbitrary<Map<DayOfWeek, List<ServiceSpan>>> week() {
        Arbitrary<List<ServiceSpan>> day = Arbitraries.integers().between(0, 144).set().ofMinSize(0).ofMaxSize(6)
                .map(cuts -> {
                    List<Integer> sorted = new ArrayList<>(new TreeSet<>(cuts));
                    List<ServiceSpan> spans = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += 2) {
                        spans.add(new ServiceSpan(sorted.get(i) * 10, sorted.get(i + 1) * 10));
                    }
                    return spans;
                });
        return day.list().ofSize(7).map(days -> {
            Map<DayOfWeek, List<ServiceSpan>> weekly = new EnumMap<>(DayOfWeek.class);
            for (int i = 0; i < 7; i++) {
                weekly.put(DayOfWeek.of(i + 1), days.get(i));
            }
            return weekly;
        }).filter(w -> w.values().stream().anyMatch(spans -> !spans.isEmpty()));
    }
}
