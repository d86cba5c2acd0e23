package diandan.domain.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import diandan.adapter.http.CalendarFields;
import diandan.devkit.RepoRoot;

/**
 * The 2026 schedule as the State Council published it (国务院办公厅关于2026年部分节假日安排的通知, 4 November
 * 2025): 国庆 1–7 October with the make-up workdays Sunday 20 September and Saturday 10 October.
 */
class NationalHolidays2026Test {
    static final List<LocalDate> HOLIDAYS = Stream.of(
            range("2026-01-01", "2026-01-03"), range("2026-02-15", "2026-02-23"), range("2026-04-04", "2026-04-06"),
            range("2026-05-01", "2026-05-05"), range("2026-06-19", "2026-06-21"), range("2026-09-25", "2026-09-27"),
            range("2026-10-01", "2026-10-07")).flatMap(List::stream).toList();
    static final List<LocalDate> MAKE_UP = Stream.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
            "2026-10-10").map(LocalDate::parse).toList();

    static List<LocalDate> range(String first, String last) {
        return LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1)).toList();
    }

    static Instant beijing(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), ServiceCalendar.DEFAULT_ZONE).toInstant();
    }

    final ClockTime serviceHours = new ClockTime(TimeBase.SERVICE_HOURS, ClockTimeTest.weekdays("08:30-18:00", HOLIDAYS, MAKE_UP));
    final Instant lastWorkdayBefore国庆 = beijing("2026-09-30T17:50");

    @Test
    void theDemoDistrictShipsThisSchedule() throws Exception {
        String file = Files.readString(RepoRoot.find().resolve("local/demo/calendar-2026.json"));
        assertEquals(ClockTimeTest.weekdays("08:30-18:00", HOLIDAYS, MAKE_UP), CalendarFields.calendarIn(file));
    }

    @Test
    void theLastWorkdayBefore国庆IsWednesday30SeptemberAndTheMakeUpDaysAreWeekendDays() {
        assertEquals(DayOfWeek.WEDNESDAY, LocalDate.parse("2026-09-30").getDayOfWeek());
        assertEquals(DayOfWeek.THURSDAY, LocalDate.parse("2026-10-08").getDayOfWeek());
        MAKE_UP.forEach(d -> assertEquals(true, d.getDayOfWeek().getValue() >= 6, d + " is a weekend day"));
    }

    @Test
    void aRequestAt1750BeforeTheHolidayIsDueOnTheFirstWorkdayAfterIt() {
        assertEquals(beijing("2026-10-08T08:50"), serviceHours.deadline(lastWorkdayBefore国庆, Duration.ofMinutes(30), List.of()),
                "10 minutes on 30 September, 20 on the morning of 8 October");
        assertEquals(beijing("2026-10-08T18:00"), serviceHours.deadline(lastWorkdayBefore国庆, Duration.ofMinutes(580), List.of()),
                "ten minutes and one whole service day: closing time of the first workday after");
    }

    @Test
    void theDesks24HourResolutionCountsTheMakeUpSaturdayAsAWorkday() {
        // 10 min on 30 Sep + 9 h 30 on Thu 8 Oct + 9 h 30 on Fri 9 Oct = 19 h 10; the last 4 h 50 on Sat 10 Oct (调休)
        assertEquals(beijing("2026-10-10T13:20"), serviceHours.deadline(lastWorkdayBefore国庆, Duration.ofHours(24), List.of()));
        ClockTime withoutMakeUp = new ClockTime(TimeBase.SERVICE_HOURS, ClockTimeTest.weekdays("08:30-18:00", HOLIDAYS, List.of()));
        assertEquals(beijing("2026-10-12T13:20"), withoutMakeUp.deadline(lastWorkdayBefore国庆, Duration.ofHours(24), List.of()),
                "without it the deadline would wait for Monday");
    }

    @Test
    void theMakeUpSundayBeforeMidAutumnIsServedAndTheHolidayIsNot() {
        assertEquals(beijing("2026-09-20T08:45"), serviceHours.deadline(beijing("2026-09-19T10:00"), Duration.ofMinutes(15), List.of()));
        assertEquals(beijing("2026-09-28T08:45"), serviceHours.deadline(beijing("2026-09-24T18:30"), Duration.ofMinutes(15), List.of()));
    }
}
