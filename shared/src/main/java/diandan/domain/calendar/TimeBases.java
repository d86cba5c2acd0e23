package diandan.domain.calendar;

import java.util.function.Function;

import diandan.domain.SlaClock;

/** The time base of each of a request's three clocks. */
public record TimeBases(TimeBase respond, TimeBase reply, TimeBase resolve) {
    /**
     * The desk's default: every clock on wall time, so that the published promise (15 minutes, 30 minutes, 24
     * hours) means what residents read in it, and an area's calendar changes no deadline until an admin sets a
     * category's or a channel's clocks to {@code service_hours}.
     */
    public static final TimeBases WALL_TIME = new TimeBases(TimeBase.CONTINUOUS, TimeBase.CONTINUOUS, TimeBase.CONTINUOUS);

    public static TimeBases from(Function<SlaClock, TimeBase> baseOf) {
        return new TimeBases(baseOf.apply(SlaClock.RESPOND), baseOf.apply(SlaClock.REPLY), baseOf.apply(SlaClock.RESOLVE));
    }

    public boolean countsServiceHours() {
        return respond == TimeBase.SERVICE_HOURS || reply == TimeBase.SERVICE_HOURS || resolve == TimeBase.SERVICE_HOURS;
    }

    public TimeBase of(SlaClock clock) {
        return switch (clock) {
            case RESPOND -> respond;
            case REPLY -> reply;
            case RESOLVE -> resolve;
        };
    }
}
