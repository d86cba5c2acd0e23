package diandan.domain.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import diandan.domain.Validation;

/**
 * When an area's teams serve: weekly service hours in a time zone, minus holidays, plus make-up workdays
 * (调休: a weekend day the State Council declares a working day in exchange for a longer holiday). A make-up
 * workday is served with Monday's hours, the hours of an ordinary working day; a date that is both a holiday
 * and a make-up workday is refused.
 */
public record ServiceCalendar(ZoneId zone, Map<DayOfWeek, List<ServiceSpan>> weekly,
                              SortedSet<LocalDate> holidays, SortedSet<LocalDate> makeUpWorkdays) {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public ServiceCalendar {
        Map<DayOfWeek, List<ServiceSpan>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, spans) -> {
            List<ServiceSpan> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingInt(ServiceSpan::fromMinute));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                    throw new IllegalArgumentException(day + " has overlapping spans");
                }
            }
            if (!sorted.isEmpty()) {
                days.put(day, List.copyOf(sorted));
            }
        });
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a calendar serves on at least one weekday");
        }
        if (!makeUpWorkdays.isEmpty() && !days.containsKey(DayOfWeek.MONDAY)) {
            throw new IllegalArgumentException("make-up workdays are served with Monday's hours; Monday has none");
        }
        if (holidays.stream().anyMatch(makeUpWorkdays::contains)) {
            throw new IllegalArgumentException("a date is either a holiday or a make-up workday");
        }
        weekly = days;
        holidays = new TreeSet<>(holidays);
        makeUpWorkdays = new TreeSet<>(makeUpWorkdays);
    }

    /**
     * A short text that differs between calendars that count time differently ("none" without one): the record's
     * text is canonical (weekdays in order, dates sorted), and its SHA-256 names it.
     */
    public static String fingerprint(Optional<ServiceCalendar> calendar) {
        if (calendar.isEmpty()) {
            return "none";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(calendar.get().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The service hours of one local date: none on a holiday, Monday's on a make-up workday, else the weekday's. */
    public List<ServiceSpan> spansOn(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        DayOfWeek day = makeUpWorkdays.contains(date) ? DayOfWeek.MONDAY : date.getDayOfWeek();
        return weekly.getOrDefault(day, List.of());
    }

    /**
     * The service hours from {@code from} on, in order: the one running at {@code from} clipped to start there.
     * Endless, since every week has service hours and holidays are finitely many.
     */
    public Iterator<Interval> servingFrom(Instant from) {
        return new Iterator<>() {
            private LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
            private final List<Interval> today = new ArrayList<>();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Interval next() {
                while (today.isEmpty()) {
                    date = date.plusDays(1);
                    for (ServiceSpan span : spansOn(date)) {
                        Interval open = span.on(date, zone);
                        if (open.end().isAfter(from)) {
                            today.add(open.start().isBefore(from) ? new Interval(from, open.end()) : open);
                        }
                    }
                }
                return today.remove(0);
            }
        };
    }

    /** A calendar's lists are bounded so that its stored item stays small: a decade of holidays fits. */
    public static final int MAX_HOLIDAYS = 500;
    public static final int MAX_MAKE_UP_WORKDAYS = 100;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * A calendar as an admin writes it, refused (422) with every complaint at once: a region time zone (default
     * {@link #DEFAULT_ZONE}), weekly spans by lower-case day name ({@code monday: ["08:30-12:00", "13:30-18:00"]}),
     * not overlapping, some day with hours, and dates {@code yyyy-MM-dd}.
     */
    public static ServiceCalendar of(String zoneId, Map<String, List<String>> weekly, List<String> holidays,
                                     List<String> makeUpWorkdays) {
        Validation v = new Validation();
        ServiceCalendar calendar = checked(v, zoneId, weekly, holidays, makeUpWorkdays);
        v.throwIfAny();
        return calendar;
    }

    private static ServiceCalendar checked(Validation v, String zoneId, Map<String, List<String>> weekly,
                                           List<String> holidays, List<String> makeUpWorkdays) {
        Map<DayOfWeek, List<ServiceSpan>> days = new EnumMap<>(DayOfWeek.class);
        if (weekly == null) {
            v.fail("weekly", "is required");
        } else {
            days.putAll(WeeklySpans.read(v, weekly));
            if (!v.failed() && days.values().stream().allMatch(List::isEmpty)) {
                v.fail("weekly", "must give some day service hours");
            }
        }
        ZoneId zone = DEFAULT_ZONE;
        if (zoneId != null) {
            if (ZoneId.getAvailableZoneIds().contains(zoneId)) {
                zone = ZoneId.of(zoneId);
            } else {
                v.fail("zone", "must be a region time zone such as Asia/Shanghai");
            }
        }
        SortedSet<LocalDate> holidayDates = dates(v, "holidays", holidays, MAX_HOLIDAYS);
        SortedSet<LocalDate> makeUpDates = dates(v, "makeUpWorkdays", makeUpWorkdays, MAX_MAKE_UP_WORKDAYS);
        if (!makeUpDates.isEmpty() && weekly != null && days.getOrDefault(DayOfWeek.MONDAY, List.of()).isEmpty()) {
            v.fail("makeUpWorkdays", "are served with Monday's hours: give Monday some");
        }
        holidayDates.stream().filter(makeUpDates::contains).findFirst().ifPresent(d ->
                v.fail("makeUpWorkdays", d + " is a holiday too"));
        return v.failed() ? null : new ServiceCalendar(zone, days, holidayDates, makeUpDates);
    }

    private static SortedSet<LocalDate> dates(Validation v, String field, List<String> texts, int max) {
        SortedSet<LocalDate> dates = new TreeSet<>();
        if (texts == null) {
            return dates;
        }
        if (texts.size() > max) {
            v.fail(field, "may list at most " + max + " dates");
            return dates;
        }
        for (String text : texts) {
            LocalDate date = date(text);
            if (date == null) {
                v.fail(field, "dates are yyyy-MM-dd");
                return dates;
            }
            dates.add(date);
        }
        return dates;
    }

    private static LocalDate date(String text) {
        try {
            return DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
