package diandan.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import diandan.domain.calendar.ClockTime;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;

/**
 * A request's three clocks: each deadline, when it stopped, which misses have been escalated, the time base
 * each counts in, the holds that paused them, and the share of each run at which its team is warned
 * ({@link BreachWarning}), kept from the clocks it started with so that a later change of the setting never
 * moves a warning already in the due index. A clock is pending while it has neither stopped nor been
 * escalated; each escalates at most once; a pending clock is paused while a hold lasts ({@link Hold#pauses}).
 * Deadlines are instants, fixed when a clock starts or resumes: the sweeper reads only what is due. So are the
 * warnings of clocks counted in service hours ({@code warnings}): each fixed with its deadline, in the same
 * calendar, by {@link ClockTime#share}, so that neither re-reading nor a later change of the calendar moves
 * one. A clock on wall time has none here: its warning is the share of the wall time of its run, which the
 * fixed instants determine ({@link BreachWarning#warnAt}).
 */
public record Sla(Instant respondBy, Instant replyBy, Instant resolveBy,
                  Instant respondedAt, Instant repliedAt, Instant resolvedAt,
                  Set<SlaClock> escalated, TimeBases timeBases, List<Hold> holds, int warnAtPercent,
                  Map<SlaClock, Instant> warnings) {
    public Sla {
        escalated = escalated.isEmpty() ? EnumSet.noneOf(SlaClock.class) : EnumSet.copyOf(escalated);
        holds = List.copyOf(holds);
        warnings = warnings.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(warnings));
    }

    /** Clocks on wall time, never held, warned of at the default share. */
    public Sla(Instant respondBy, Instant replyBy, Instant resolveBy, Instant respondedAt, Instant repliedAt,
               Instant resolvedAt, Set<SlaClock> escalated) {
        this(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, escalated, TimeBases.WALL_TIME, List.of(),
                Clocks.DEFAULT_WARN_AT_PERCENT, Map.of());
    }

    /**
     * The clocks started at submission: each deadline the instant its target has been counted in its time base,
     * a {@code service_hours} clock in the service hours of {@code calendar} (the area's, when it has one), and
     * its warning at its share of that time.
     */
    public static Sla startingAt(Instant submittedAt, Clocks clocks, Optional<ServiceCalendar> calendar) {
        Instant[] due = new Instant[SlaClock.values().length];
        Map<SlaClock, Instant> warnings = new EnumMap<>(SlaClock.class);
        for (SlaClock clock : SlaClock.values()) {
            ClockTime time = ClockTime.of(clocks.timeBases().of(clock), calendar);
            due[clock.ordinal()] = time.deadline(submittedAt, clocks.of(clock), List.of());
            warnAt(warnings, clocks.timeBases(), clock, time.share(submittedAt, clocks.of(clock), clocks.warnAtPercent()));
        }
        return new Sla(due[SlaClock.RESPOND.ordinal()], due[SlaClock.REPLY.ordinal()], due[SlaClock.RESOLVE.ordinal()],
                null, null, null, Set.of(), clocks.timeBases(), List.of(), clocks.warnAtPercent(), warnings);
    }

    /** Keeps a warning fixed where only the calendar it was counted in could place it again: in service hours. */
    private static void warnAt(Map<SlaClock, Instant> warnings, TimeBases bases, SlaClock clock, Instant at) {
        if (bases.of(clock) == TimeBase.SERVICE_HOURS) {
            warnings.put(clock, at);
        }
    }

    /** The warning fixed for a clock counted in service hours; none for a clock on wall time. */
    public Optional<Instant> fixedWarning(SlaClock clock) {
        return Optional.ofNullable(warnings.get(clock));
    }

    public Instant deadline(SlaClock clock) {
        return switch (clock) {
            case RESPOND -> respondBy;
            case REPLY -> replyBy;
            case RESOLVE -> resolveBy;
        };
    }

    public Instant stoppedAt(SlaClock clock) {
        return switch (clock) {
            case RESPOND -> respondedAt;
            case REPLY -> repliedAt;
            case RESOLVE -> resolvedAt;
        };
    }

    /** The level of the worst escalated miss, 0 when none. */
    public int escalationLevel() {
        return escalated.stream().mapToInt(c -> c.escalationLevel).max().orElse(0);
    }

    public boolean isPending(SlaClock clock) {
        return stoppedAt(clock) == null && !escalated.contains(clock);
    }

    /** Pending, and not standing still under a hold. */
    public boolean isRunning(SlaClock clock) {
        return isPending(clock) && !(Hold.pauses(clock) && openHold().isPresent());
    }

    /**
     * The earliest deadline of a running clock, or the limit of the hold that lasts if earlier: when the
     * sweeper must look next. Empty when nothing runs.
     */
    public Optional<Instant> nextDue() {
        Instant next = openHold().map(Hold::limit).orElse(null);
        for (SlaClock clock : SlaClock.values()) {
            if (isRunning(clock) && (next == null || deadline(clock).isBefore(next))) {
                next = deadline(clock);
            }
        }
        return Optional.ofNullable(next);
    }

    public Optional<Hold> openHold() {
        return holds.isEmpty() || !holds.get(holds.size() - 1).isOpen() ? Optional.empty()
                : Optional.of(holds.get(holds.size() - 1));
    }

    /** Wall time held in all up to {@code asOf}. */
    public Duration held(Instant asOf) {
        return holds.stream().map(h -> h.held(asOf)).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * A new hold from {@code at}, ending by itself when the allowance ({@link Hold#MAX_HELD}) is used up; refused
     * (409) while one lasts, after {@link Hold#MAX_HOLDS}, when the allowance is gone, or when a clock it would
     * stop is overdue already (a hold must not hide a breach).
     */
    public Sla hold(HoldReason reason, String by, Instant at) {
        if (openHold().isPresent()) {
            throw Problem.conflict("the request is on hold already");
        }
        if (holds.size() >= Hold.MAX_HOLDS) {
            throw Problem.conflict("a request may be put on hold at most " + Hold.MAX_HOLDS + " times");
        }
        Duration left = Hold.MAX_HELD.minus(held(at));
        if (left.isZero() || left.isNegative()) {
            throw Problem.conflict("the request has been on hold for " + Hold.MAX_HELD.toHours() + " hours in all");
        }
        for (SlaClock clock : SlaClock.values()) {
            if (Hold.pauses(clock) && isPending(clock) && !deadline(clock).isAfter(at)) {
                throw Problem.conflict("the " + clock.code() + " deadline has passed: a hold cannot hide it");
            }
        }
        List<Hold> more = new ArrayList<>(holds);
        more.add(new Hold(reason, by, at, at.plus(left), null, null));
        return new Sla(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, escalated, timeBases, more,
                warnAtPercent, warnings);
    }

    /**
     * The hold ended at {@code at} (by {@code how}; at its limit at the latest): each clock it stopped gets the
     * business time it had left when the hold began, counted from the end of the hold in its own time base,
     * in {@code calendar}, the one in force now. So a deadline moves by the business time the hold lasted, and the
     * warning falls at the share of that time left, counted from the end of the hold.
     */
    public Sla resume(Instant at, HoldEnd how, Optional<ServiceCalendar> calendar) {
        Hold hold = openHold().orElseThrow(() -> Problem.conflict("the request is not on hold"));
        Hold ended = hold.end(at, how);
        Instant[] due = {respondBy, replyBy, resolveBy};
        Map<SlaClock, Instant> warned = new EnumMap<>(SlaClock.class);
        warned.putAll(warnings);
        for (SlaClock clock : SlaClock.values()) {
            if (Hold.pauses(clock) && isPending(clock)) {
                ClockTime time = ClockTime.of(timeBases.of(clock), calendar);
                Duration left = time.counted(hold.from(), deadline(clock), List.of());
                due[clock.ordinal()] = time.deadline(ended.endedAt(), left, List.of());
                warnAt(warned, timeBases, clock, time.share(ended.endedAt(), left, warnAtPercent));
            }
        }
        List<Hold> all = new ArrayList<>(holds.subList(0, holds.size() - 1));
        all.add(ended);
        return new Sla(due[0], due[1], due[2], respondedAt, repliedAt, resolvedAt, escalated, timeBases, all,
                warnAtPercent, warned);
    }

    public Sla stop(SlaClock clock, Instant at) {
        return new Sla(respondBy, replyBy, resolveBy,
                clock == SlaClock.RESPOND && respondedAt == null ? at : respondedAt,
                clock == SlaClock.REPLY && repliedAt == null ? at : repliedAt,
                clock == SlaClock.RESOLVE && resolvedAt == null ? at : resolvedAt,
                escalated, timeBases, holds, warnAtPercent, warnings);
    }

    public Sla markEscalated(SlaClock clock) {
        Set<SlaClock> now = EnumSet.of(clock);
        now.addAll(escalated);
        return new Sla(respondBy, replyBy, resolveBy, respondedAt, repliedAt, resolvedAt, now, timeBases, holds,
                warnAtPercent, warnings);
    }

    /** Whether the promise was kept: stopped no later than its deadline. */
    public boolean met(SlaClock clock) {
        Instant stopped = stoppedAt(clock);
        return stopped != null && !stopped.isAfter(deadline(clock));
    }
}
