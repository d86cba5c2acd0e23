package diandan.domain.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stretch of service hours within a day, in minutes from midnight: {@code 08:30-12:00}. A span never
 * crosses midnight (an evening shift until midnight ends at {@code 24:00}); a day may have several.
 */
public record ServiceSpan(int fromMinute, int toMinute) {
    public static final int MINUTES_PER_DAY = 24 * 60;
    private static final Pattern TEXT = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)-([01]\\d|2[0-4]):([0-5]\\d)");

    public ServiceSpan {
        if (fromMinute < 0 || toMinute > MINUTES_PER_DAY || fromMinute >= toMinute) {
            throw new IllegalArgumentException("a span runs forward within one day: " + fromMinute + ".." + toMinute);
        }
    }

    /** {@code HH:mm-HH:mm}, the end after the start and no later than 24:00; null when it is not one. */
    public static ServiceSpan parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            return null;
        }
        int from = minute(m.group(1), m.group(2));
        int to = minute(m.group(3), m.group(4));
        return from < to && to <= MINUTES_PER_DAY ? new ServiceSpan(from, to) : null;
    }

    private static int minute(String hours, String minutes) {
        return Integer.parseInt(hours) * 60 + Integer.parseInt(minutes);
    }

    public boolean overlaps(ServiceSpan other) {
        return fromMinute < other.toMinute && other.fromMinute < toMinute;
    }

    /**
     * The instants this span covers on {@code date}. A local time that a daylight-saving change skips is the
     * instant of the change, one it repeats takes the earlier offset, so that later local times are never
     * earlier instants: spans stay in order and their business time is the real time that passes within them.
     */
    public Interval on(LocalDate date, ZoneId zone) {
        return new Interval(at(date, fromMinute, zone), at(date, toMinute, zone));
    }

    private static Instant at(LocalDate date, int minute, ZoneId zone) {
        LocalDateTime local = date.atStartOfDay().plusMinutes(minute);
        ZoneRules rules = zone.getRules();
        return rules.getValidOffsets(local).isEmpty() ? rules.getTransition(local).getInstant() : local.atZone(zone).toInstant();
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d-%02d:%02d", fromMinute / 60, fromMinute % 60, toMinute / 60, toMinute % 60);
    }
}
