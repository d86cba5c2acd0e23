package diandan.domain.menu;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import diandan.domain.Codes;
import diandan.domain.Validation;
import diandan.domain.calendar.Interval;
import diandan.domain.calendar.ServiceSpan;
import diandan.domain.calendar.WeeklySpans;

/**
 * When a project is offered: weekly spans (every Saturday 09:00-12:00) and single dated sessions
 * (2026-12-24 14:00-17:00), in local time of the deployment's zone. Each span of a day is one session.
 *
 * @param weekly spans by day of the week, sorted
 * @param dates  dated sessions, sorted by start
 */
public record Offering(Map<DayOfWeek, List<ServiceSpan>> weekly, List<DatedSpan> dates) {
    public static final int MAX_DATES = 100;
    private static final Pattern DATED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\S+)");

    /** One session on one date. */
    public record DatedSpan(LocalDate date, ServiceSpan span) {
        @Override
        public String toString() {
            return date + " " + span;
        }
    }

    public Offering {
        Map<DayOfWeek, List<ServiceSpan>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, spans) -> {
            if (!spans.isEmpty()) {
                days.put(day, spans.stream().sorted(Comparator.comparingInt(ServiceSpan::fromMinute)).toList());
            }
        });
        weekly = days;
        dates = dates.stream().sorted(Comparator.comparing(DatedSpan::date)
                .thenComparingInt(d -> d.span().fromMinute())).toList();
        if (weekly.isEmpty() && dates.isEmpty()) {
            throw new IllegalArgumentException("a project is offered on some day or date");
        }
    }

    /**
     * Reads an offering as a leader writes it, every complaint into {@code v}: {@code weekly} spans by lower-case
     * day name ({@code saturday: ["09:00-12:00"]}, as a service calendar's), {@code dates} as
     * {@code "yyyy-MM-dd HH:mm-HH:mm"}; spans of one day must not overlap; at least one of them. Null when refused.
     */
    public static Offering read(Validation v, Map<String, List<String>> weeklyTexts, List<String> dateTexts) {
        Map<DayOfWeek, List<ServiceSpan>> weekly = weeklyTexts == null ? Map.of() : WeeklySpans.read(v, weeklyTexts);
        List<DatedSpan> dates = new ArrayList<>();
        if (dateTexts != null) {
            if (dateTexts.size() > MAX_DATES) {
                v.fail("dates", "may list at most " + MAX_DATES + " sessions");
            } else {
                for (String text : dateTexts) {
                    DatedSpan dated = dated(text);
                    if (dated == null) {
                        v.fail("dates", "sessions are \"yyyy-MM-dd HH:mm-HH:mm\", ending after they start and by 24:00");
                    } else if (dates.stream().anyMatch(d -> d.date().equals(dated.date()) && d.span().overlaps(dated.span()))) {
                        v.fail("dates", "sessions of " + dated.date() + " must not overlap");
                    } else {
                        dates.add(dated);
                    }
                }
            }
        }
        if (!v.has("dates") && weekly.values().stream().allMatch(List::isEmpty) && dates.isEmpty()
                && weekly.keySet().stream().noneMatch(d -> v.has("weekly." + Codes.of(d)))) {
            v.fail("weekly", "give the project some weekly spans or dated sessions");
        }
        return v.failed() ? null : new Offering(weekly, dates);
    }

    private static DatedSpan dated(String text) {
        Matcher m = text == null ? null : DATED.matcher(text.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        ServiceSpan span = ServiceSpan.parse(m.group(2));
        try {
            return span == null ? null : new DatedSpan(LocalDate.parse(m.group(1)), span);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The session running at {@code now} or the next to start, in {@code zone}; none when only dated sessions
     * are offered and the last has ended. A weekly and a dated session starting together are one session.
     */
    public Optional<Interval> sessionAt(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Optional<Interval> best = Optional.empty();
        // a week and a day from yesterday holds the next weekly session, and one that began yesterday
        for (LocalDate date = today.minusDays(1); !date.isAfter(today.plusDays(7)); date = date.plusDays(1)) {
            for (ServiceSpan span : weekly.getOrDefault(date.getDayOfWeek(), List.of())) {
                best = earlier(best, span.on(date, zone), now);
            }
        }
        for (DatedSpan dated : dates) {
            best = earlier(best, dated.span().on(dated.date(), zone), now);
        }
        return best;
    }

    private static Optional<Interval> earlier(Optional<Interval> best, Interval candidate, Instant now) {
        if (!candidate.end().isAfter(now)) {
            return best;
        }
        return best.isPresent() && !candidate.start().isBefore(best.get().start()) ? best : Optional.of(candidate);
    }
}
