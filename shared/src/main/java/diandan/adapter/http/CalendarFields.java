package diandan.adapter.http;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import diandan.domain.Codes;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.WeeklySpans;

/**
 * A calendar as a request body (and the demo's calendar file) carries it: {@code {zone, weekly: {monday:
 * ["08:30-18:00"], ...}, holidays: ["2026-10-01", ...], makeUpWorkdays: [...]}}, read after the body was
 * checked for unknown fields and wrong types; absent members are null, for the use case to report.
 */
public record CalendarFields(String zone, Map<String, List<String>> weekly, List<String> holidays,
                             List<String> makeUpWorkdays) {
    public static final Set<String> FIELDS = Set.of("zone", "weekly", "holidays", "makeUpWorkdays");
    private static final Set<String> DAYS = Stream.of(DayOfWeek.values()).map(Codes::of).collect(Collectors.toSet());

    public static CalendarFields read(JsonBody body) {
        String zone = body.string("zone");
        JsonBody week = body.object("weekly", DAYS);
        Map<String, List<String>> weekly = null;
        if (week != null) {
            weekly = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                List<String> spans = week.strings(Codes.of(day), WeeklySpans.MAX_SPANS_PER_DAY);
                if (spans != null) {
                    weekly.put(Codes.of(day), spans);
                }
            }
        }
        List<String> holidays = body.strings("holidays", ServiceCalendar.MAX_HOLIDAYS);
        List<String> makeUp = body.strings("makeUpWorkdays", ServiceCalendar.MAX_MAKE_UP_WORKDAYS);
        body.requireWellTyped();
        return new CalendarFields(zone, weekly, holidays, makeUp);
    }

    /** The calendar a file of this shape holds (the demo's, next year's as an admin prepares it), refused as a body would be. */
    public static ServiceCalendar calendarIn(String json) {
        CalendarFields fields = read(JsonBody.parse(json, FIELDS));
        return ServiceCalendar.of(fields.zone(), fields.weekly(), fields.holidays(), fields.makeUpWorkdays());
    }
}
