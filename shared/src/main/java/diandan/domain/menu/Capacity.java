package diandan.domain.menu;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

import diandan.domain.Codes;
import diandan.domain.calendar.Interval;

/**
 * How many orders a project takes: so many per week (Monday to Sunday in the deployment's zone, counted in the
 * week the order is placed) or so many per session (counted against the session running or next to start).
 */
public record Capacity(Per per, int orders) {
    public static final int MAX_ORDERS = 1000;

    /** What the orders are counted per. */
    public enum Per {
        WEEK, SESSION;

        public String code() {
            return Codes.of(this);
        }
    }

    public Capacity {
        if (orders < 1 || orders > MAX_ORDERS) {
            throw new IllegalArgumentException("a project takes 1 to " + MAX_ORDERS + " orders: " + orders);
        }
    }

    /**
     * The window an order placed at {@code now} counts in, named so that two orders share it exactly when they
     * share a week ({@code W2026-11-30}, that week's Monday) or a session ({@code S2026-12-05T09:00}, its local
     * start); none when the project has no session from now on.
     */
    public Optional<String> window(Offering offered, Instant now, ZoneId zone) {
        Optional<Interval> session = offered.sessionAt(now, zone);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (per) {
            case WEEK -> "W" + now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case SESSION -> "S" + LocalDateTime.ofInstant(session.get().start(), zone);
        });
    }
}
