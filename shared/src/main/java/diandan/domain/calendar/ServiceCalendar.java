package diandan.domain.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

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
}
