package diandan.domain.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.Codes;
import diandan.domain.Validation;

/**
 * Spans by day of the week as an admin or a team leader writes them ({@code monday: ["08:30-12:00", "13:30-18:00"]}):
 * the one reading of a service calendar's week and of a project's weekly offer.
 */
public final class WeeklySpans {
    public static final int MAX_SPANS_PER_DAY = 6;

    private WeeklySpans() {
    }

    /**
     * The spans of each day named, each complaint on {@code weekly.<day>}: an unknown day name, more than
     * {@link #MAX_SPANS_PER_DAY} spans, a span that is not {@code HH:mm-HH:mm}, spans of one day that overlap.
     */
    public static Map<DayOfWeek, List<ServiceSpan>> read(Validation v, Map<String, List<String>> weekly) {
        Map<DayOfWeek, List<ServiceSpan>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((dayName, texts) -> {
            String field = "weekly." + dayName;
            Optional<DayOfWeek> day = Codes.parse(DayOfWeek.class, dayName);
            if (day.isEmpty()) {
                v.fail(field, "is not a day of the week (monday ... sunday)");
            } else if (texts.size() > MAX_SPANS_PER_DAY) {
                v.fail(field, "may have at most " + MAX_SPANS_PER_DAY + " spans");
            } else {
                days.put(day.get(), spans(v, field, texts));
            }
        });
        return days;
    }

    private static List<ServiceSpan> spans(Validation v, String field, List<String> texts) {
        List<ServiceSpan> spans = new ArrayList<>();
        for (String text : texts) {
            ServiceSpan span = ServiceSpan.parse(text);
            if (span == null) {
                v.fail(field, "spans are HH:mm-HH:mm, ending after they start and by 24:00");
            } else if (spans.stream().anyMatch(span::overlaps)) {
                v.fail(field, "spans must not overlap");
            } else {
                spans.add(span);
            }
        }
        return spans;
    }
}
