package diandan.domain;

import java.time.Duration;
import java.util.Optional;

import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;

/**
 * How long each promise may take, in minutes from submission, and in which time base each is counted: wall
 * time ({@code continuous}) or the service hours of the request's area ({@code service_hours}).
 */
public record Clocks(int respondMinutes, int replyMinutes, int resolveMinutes, TimeBases timeBases) {
    /** The desk's published promise: 15-minute response, 30-minute reply, 24-hour resolution. */
    public static final Clocks DESK_PROMISE = new Clocks(15, 30, 24 * 60);
    /** Longest clock an admin may set: 30 days. */
    public static final int MAX_MINUTES = 30 * 24 * 60;

    /** Clocks on wall time. */
    public Clocks(int respondMinutes, int replyMinutes, int resolveMinutes) {
        this(respondMinutes, replyMinutes, resolveMinutes, TimeBases.WALL_TIME);
    }

    /** The clocks as a request body or a file gives them, unchecked; absent members are null. */
    public record Form(Integer respondMinutes, Integer replyMinutes, Integer resolveMinutes, String respondTimeBase,
                       String replyTimeBase, String resolveTimeBase) {
    }

    public Clocks {
        for (int minutes : new int[] {respondMinutes, replyMinutes, resolveMinutes}) {
            if (minutes < 1 || minutes > MAX_MINUTES) {
                throw new IllegalArgumentException("clock minutes must lie in 1.." + MAX_MINUTES + ", was " + minutes);
            }
        }
    }

    /**
     * Clocks as an admin sets them (a category's, a channel's), every complaint collected in {@code v}: each
     * from 1 minute to {@link #MAX_MINUTES}, in the order the promises are kept, each time base
     * {@code continuous} (the default) or {@code service_hours}.
     *
     * @param field the clocks' object in the request body, e.g. {@code clocks}: its members are reported as
     *              {@code clocks.respondMinutes} ...
     * @return the clocks, or null when any complaint was made
     */
    public static Clocks checked(Validation v, String field, Form form) {
        boolean inRange = inRange(v, field + ".respondMinutes", form.respondMinutes())
                & inRange(v, field + ".replyMinutes", form.replyMinutes())
                & inRange(v, field + ".resolveMinutes", form.resolveMinutes());
        TimeBase respond = timeBase(v, field + ".respondTimeBase", form.respondTimeBase());
        TimeBase reply = timeBase(v, field + ".replyTimeBase", form.replyTimeBase());
        TimeBase resolve = timeBase(v, field + ".resolveTimeBase", form.resolveTimeBase());
        if (!inRange || respond == null || reply == null || resolve == null) {
            return null;
        }
        if (form.respondMinutes() > form.replyMinutes() || form.replyMinutes() > form.resolveMinutes()) {
            v.fail(field, "must run in order: respondMinutes ≤ replyMinutes ≤ resolveMinutes");
            return null;
        }
        return new Clocks(form.respondMinutes(), form.replyMinutes(), form.resolveMinutes(),
                new TimeBases(respond, reply, resolve));
    }

    private static TimeBase timeBase(Validation v, String field, String code) {
        if (code == null) {
            return TimeBase.CONTINUOUS;
        }
        Optional<TimeBase> base = Codes.parse(TimeBase.class, code);
        if (base.isEmpty()) {
            v.fail(field, "must be continuous or service_hours");
        }
        return base.orElse(null);
    }

    private static boolean inRange(Validation v, String field, Integer minutes) {
        if (minutes == null) {
            v.fail(field, "is required");
            return false;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            v.fail(field, "must be a whole number of minutes from 1 to " + MAX_MINUTES);
            return false;
        }
        return true;
    }

    public Duration of(SlaClock clock) {
        return Duration.ofMinutes(switch (clock) {
            case RESPOND -> respondMinutes;
            case REPLY -> replyMinutes;
            case RESOLVE -> resolveMinutes;
        });
    }
}
