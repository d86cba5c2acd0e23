package diandan.domain;

import java.time.Duration;
import java.util.Optional;

import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;

/**
 * How long each promise may take, in minutes from submission, in which time base each is counted: wall
 * time ({@code continuous}) or the service hours of the request's area ({@code service_hours}); and at which
 * share of its time each clock's team is warned of the coming breach ({@link BreachWarning}), in whole percent.
 */
public record Clocks(int respondMinutes, int replyMinutes, int resolveMinutes, TimeBases timeBases,
                     int warnAtPercent) {
    /** The desk's published promise: 15-minute response, 30-minute reply, 24-hour resolution. */
    public static final Clocks DESK_PROMISE = new Clocks(15, 30, 24 * 60);
    /** Longest clock an admin may set: 30 days. */
    public static final int MAX_MINUTES = 30 * 24 * 60;
    /** The warning's share unless an admin sets another: 12 minutes into the 15-minute respond clock. */
    public static final int DEFAULT_WARN_AT_PERCENT = 80;
    /**
     * The shares an admin may set: a warning earlier than half-way nags for what is on time; one later than
     * 95 % leaves the leaders no time to act (under a minute of the 15-minute clock).
     */
    public static final int MIN_WARN_AT_PERCENT = 50;
    public static final int MAX_WARN_AT_PERCENT = 95;

    /** Clocks on wall time, warned of at the default share. */
    public Clocks(int respondMinutes, int replyMinutes, int resolveMinutes) {
        this(respondMinutes, replyMinutes, resolveMinutes, TimeBases.WALL_TIME);
    }

    /** Clocks warned of at the default share. */
    public Clocks(int respondMinutes, int replyMinutes, int resolveMinutes, TimeBases timeBases) {
        this(respondMinutes, replyMinutes, resolveMinutes, timeBases, DEFAULT_WARN_AT_PERCENT);
    }

    /** The clocks as a request body or a file gives them, unchecked; absent members are null. */
    public record Form(Integer respondMinutes, Integer replyMinutes, Integer resolveMinutes, String respondTimeBase,
                       String replyTimeBase, String resolveTimeBase, Integer warnAtPercent) {
    }

    public Clocks {
        for (int minutes : new int[] {respondMinutes, replyMinutes, resolveMinutes}) {
            if (minutes < 1 || minutes > MAX_MINUTES) {
                throw new IllegalArgumentException("clock minutes must lie in 1.." + MAX_MINUTES + ", was " + minutes);
            }
        }
        if (!isWarningShare(warnAtPercent)) {
            throw new IllegalArgumentException("a warning's share must lie in " + MIN_WARN_AT_PERCENT + ".."
                    + MAX_WARN_AT_PERCENT + " %, was " + warnAtPercent);
        }
    }

    private static boolean isWarningShare(int percent) {
        return percent >= MIN_WARN_AT_PERCENT && percent <= MAX_WARN_AT_PERCENT;
    }

    /**
     * Clocks as an admin sets them (a category's, a channel's), every complaint collected in {@code v}: each
     * from 1 minute to {@link #MAX_MINUTES}, in the order the promises are kept, each time base
     * {@code continuous} (the default) or {@code service_hours}, the warning's share from
     * {@link #MIN_WARN_AT_PERCENT} to {@link #MAX_WARN_AT_PERCENT} ({@link #DEFAULT_WARN_AT_PERCENT} when left out).
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
        Integer warnAt = form.warnAtPercent() == null ? Integer.valueOf(DEFAULT_WARN_AT_PERCENT) : form.warnAtPercent();
        if (!isWarningShare(warnAt)) {
            v.fail(field + ".warnAtPercent", "must be a whole percent from " + MIN_WARN_AT_PERCENT + " to "
                    + MAX_WARN_AT_PERCENT);
            warnAt = null;
        }
        if (!inRange || respond == null || reply == null || resolve == null || warnAt == null) {
            return null;
        }
        if (form.respondMinutes() > form.replyMinutes() || form.replyMinutes() > form.resolveMinutes()) {
            v.fail(field, "must run in order: respondMinutes ≤ replyMinutes ≤ resolveMinutes");
            return null;
        }
        return new Clocks(form.respondMinutes(), form.replyMinutes(), form.resolveMinutes(),
                new TimeBases(respond, reply, resolve), warnAt);
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
