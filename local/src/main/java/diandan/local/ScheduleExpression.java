package diandan.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule: {@code rate(5 minutes)} from the moment the stack starts, or
 * {@code cron(minutes hours day-of-month month day-of-week year)} in UTC with {@code * ? , - /} and names
 * (the {@code L}, {@code W} and {@code #} forms are refused by name).
 */
public sealed interface ScheduleExpression {
    /** The first firing strictly after {@code after}; empty when there is none (a cron's years are over). */
    Optional<Instant> next(Instant after);

    public static ScheduleExpression parse(String text, Instant origin) {
        String expression = text.strip();
        if (expression.startsWith("rate(") && expression.endsWith(")")) {
            return Rate.parse(expression.substring(5, expression.length() - 1), origin);
        }
        if (expression.startsWith("cron(") && expression.endsWith(")")) {
            return Cron.parse(expression.substring(5, expression.length() - 1));
        }
        throw new IllegalArgumentException("not a schedule expression: " + text);
    }

    record Rate(Duration period, Instant origin) implements ScheduleExpression {
        private static final Pattern FORM = Pattern.compile("(\\d+)\\s+(minute|minutes|hour|hours|day|days)");

        static Rate parse(String body, Instant origin) {
            Matcher matcher = FORM.matcher(body.strip());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
                throw new IllegalArgumentException("not a rate: rate(" + body + ")");
            }
            long value = Long.parseLong(matcher.group(1));
            ChronoUnit unit = switch (matcher.group(2).replaceAll("s$", "")) {
                case "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return new Rate(unit.getDuration().multipliedBy(value), origin);
        }

        @Override
        public Optional<Instant> next(Instant after) {
            long elapsed = Math.max(0, Duration.between(origin, after).toMillis());
            long periods = elapsed / period.toMillis() + 1;
            return Optional.of(origin.plusMillis(periods * period.toMillis()));
        }
    }

    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {
        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        private static final int FIRST_YEAR = 1970;
        private static final int LAST_YEAR = 2199;
        /** Beyond this a matching minute is not searched for: a cron that matches so rarely never fires locally. */
        private static final Duration HORIZON = Duration.ofDays(366 * 5);

        static Cron parse(String body) {
            String[] fields = body.strip().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields: cron(" + body + ")");
            }
            for (String field : fields) {
                if (field.matches(".*[LW#].*") && !field.matches("(?i).*[A-Z]{3}.*")) {
                    throw new IllegalArgumentException("cron forms L, W and # are not run locally: cron(" + body + ")");
                }
            }
            return new Cron(field(fields[0], 0, 59, List.of()), field(fields[1], 0, 23, List.of()),
                    field(fields[2], 1, 31, List.of()), field(fields[3], 1, 12, MONTHS), field(fields[4], 1, 7, DAYS),
                    field(fields[5], FIRST_YEAR, LAST_YEAR, List.of()), fields[2].equals("?"), fields[4].equals("?"));
        }

        /** A field's values; names count from the field's minimum (JAN = 1, SUN = 1). */
        private static BitSet field(String text, int min, int max, List<String> names) {
            BitSet values = new BitSet();
            for (String part : text.split(",")) {
                String range = part;
                int step = 1;
                if (part.contains("/")) {
                    range = part.substring(0, part.indexOf('/'));
                    step = Integer.parseInt(part.substring(part.indexOf('/') + 1));
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = value(range.substring(0, range.indexOf('-')), min, names);
                    to = value(range.substring(range.indexOf('-') + 1), min, names);
                } else {
                    from = value(range, min, names);
                    to = part.contains("/") ? max : from;
                }
                if (from < min || to > max || from > to || step < 1) {
                    throw new IllegalArgumentException("cron field out of range: " + text);
                }
                for (int v = from; v <= to; v += step) {
                    values.set(v);
                }
            }
            return values;
        }

        private static int value(String text, int min, List<String> names) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            return named >= 0 ? named + min : Integer.parseInt(text);
        }

        @Override
        public Optional<Instant> next(Instant after) {
            ZonedDateTime candidate = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            ZonedDateTime horizon = candidate.plus(HORIZON);
            while (candidate.isBefore(horizon) && candidate.getYear() <= LAST_YEAR) {
                if (!years.get(candidate.getYear()) || !months.get(candidate.getMonthValue()) || !day(candidate)) {
                    candidate = candidate.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                } else if (!hours.get(candidate.getHour())) {
                    candidate = candidate.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                } else if (!minutes.get(candidate.getMinute())) {
                    candidate = candidate.plusMinutes(1);
                } else {
                    return Optional.of(candidate.toInstant());
                }
            }
            return Optional.empty();
        }

        private boolean day(ZonedDateTime at) {
            boolean dayOfMonth = daysOfMonth.get(at.getDayOfMonth());
            boolean dayOfWeek = daysOfWeek.get(at.getDayOfWeek().getValue() % 7 + 1);
            if (anyDayOfMonth) {
                return dayOfWeek;
            }
            return anyDayOfWeek ? dayOfMonth : dayOfMonth && dayOfWeek;
        }
    }
}
