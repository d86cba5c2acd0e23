package diandan.app.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import diandan.app.request.RequestChanges;
import diandan.app.request.Routing;
import diandan.domain.Alert;
import diandan.domain.BreachWarning;
import diandan.domain.HoldEnd;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.TimelineEntry;
import diandan.domain.calendar.ServiceCalendar;
import diandan.port.ConcurrentChangeException;
import diandan.port.StorageUnavailableException;
import diandan.port.escalation.AlertRepository;
import diandan.port.escalation.DueIndex;
import diandan.port.request.RequestRepository;

/**
 * The escalation sweep: every missed deadline escalated exactly once, in deadline order, soon after it passed;
 * and every resolved request closed once its rating window has ended unrated.
 *
 * <p>It reads the due index hour by hour from the watermark to now (every shard of an hour merged in deadline
 * order), and for each entry re-reads the request, because the index may lag: the request decides which clocks
 * are due. For those it raises the alerts (idempotent: the id is derived from request and clock), then writes
 * the escalated request, re-routed when the silent team was left behind, conditionally on the version read,
 * through {@link RequestChanges} so that the teams' loads follow. A resolved request is in the same index, due at
 * the end of its rating window ({@link RequestLifecycle#closesAt}); the sweeper closes it the same way, with a
 * write conditional on the version (and status) it read, so it is closed once even when a rating races it.
 * A sweep that loses that write to another change reads again; overlapping sweeps and duplicate deliveries of
 * the same tick therefore escalate each deadline once. The alert is raised before the write so that a crash in
 * between leaves the escalation to be repeated, with its alert already there, rather than done without one.
 * A clock's warning before its breach ({@link BreachWarning}) is due in the same index and written the same way,
 * so each clock of a request is warned of once; a request is due at its warning until warned, then at its
 * deadline, so a backlog goes in the order of those due moments.
 *
 * <p>Work is bounded per sweep (requests handled and elapsed time); the watermark moves only over hours that
 * were swept completely, so the next sweep resumes where this one stopped. It never moves past the present
 * hour of the wall clock, even for a tick from the future: new requests bring deadlines from the present on,
 * and an hour the watermark has passed is not read again.
 */
public final class Sweeper {
    /** How much one sweep may do before it leaves the rest to the next. */
    public record Limits(int maxRequests, Duration budget) {
        /** Well inside the function's 60 s timeout even at a few hundred milliseconds a request. */
        public static final Limits STANDARD = new Limits(500, Duration.ofSeconds(30));
    }

    /** One clock escalated: which request, which clock, its deadline. */
    public record Escalation(String requestId, SlaClock clock, Instant deadline) {
    }

    /** One clock warned of before its deadline ({@link BreachWarning}). */
    public record Warning(String requestId, SlaClock clock, Instant deadline) {
    }

    /** A request the sweep could not escalate because of a fault in its own handling; retried next sweep. */
    public record Failure(String requestId, RuntimeException error) {
    }

    /**
     * What a sweep did.
     *
     * @param closed the ids of the requests closed unrated, their rating window having ended
     * @param entriesRead index entries read
     * @param requestsRead requests read from the table to re-check them
     * @param bucketsRead queries on the index
     * @param caughtUp whether every deadline due at {@code now} was handled
     * @param watermark the watermark after the sweep; null while none was stored
     */
    public record Result(Instant now, List<Escalation> escalations, List<Warning> warnings, List<String> closed, List<Failure> failures,
                         int alertsRaised, int entriesRead, int requestsRead, int bucketsRead, boolean caughtUp,
                         Instant watermark) {
        /**
         * How far the sweep runs behind the present (the wall clock, so that a schedule firing late counts too):
         * since the oldest deadline it escalated, or its tick when it escalated none; a sweep that ran out of budget
         * is at least as far behind as its watermark (the hours before it were all swept). Never negative.
         */
        public Duration lag(Instant wallNow) {
            Instant behind = escalations.stream().map(Escalation::deadline).min(Instant::compareTo).orElse(now);
            if (!caughtUp && watermark != null && watermark.isBefore(behind)) {
                behind = watermark;
            }
            Duration lag = Duration.between(behind, wallNow);
            return lag.isNegative() ? Duration.ZERO : lag;
        }
    }

    /** Re-query the last hour on every sweep: cheap, and it covers index lag and a tick earlier than the watermark. */
    static final Duration RECHECK = Duration.ofHours(1);
    /**
     * Without a watermark (a new table), look back this far from the present (or the tick, if earlier): longer
     * than any outage we expect to go unnoticed.
     */
    static final Duration FIRST_LOOKBACK = Duration.ofHours(24);
    /** Index entries fetched per query: small batches keep the reads close to the work done. */
    static final int PAGE = 100;
    /** Attempts at one request that keeps changing under the sweep before leaving it to the next sweep. */
    static final int ATTEMPTS = 3;

    private final RequestRepository requests;
    private final RequestChanges changes;
    private final DueIndex due;
    private final AlertRepository alerts;
    private final Routing routing;
    private final Limits limits;
    private final java.time.Clock wallClock;
    private final Function<String, Optional<ServiceCalendar>> calendars;

    /**
     * @param wallClock the machine's clock: it measures the time budget and bounds the watermark; "now" is
     *                  always the tick's time
     * @param calendars the service calendar in force for a community, if any: a hold's clocks resume in it
     */
    public Sweeper(RequestRepository requests, RequestChanges changes, DueIndex due, AlertRepository alerts,
                   Routing routing, Limits limits, java.time.Clock wallClock,
                   Function<String, Optional<ServiceCalendar>> calendars) {
        this.requests = requests;
        this.changes = changes;
        this.due = due;
        this.alerts = alerts;
        this.routing = routing;
        this.limits = limits;
        this.wallClock = wallClock;
        this.calendars = calendars;
    }

    public Result sweep(Instant now) {
        Run run = new Run(now, wallClock.instant().plus(limits.budget()));
        Instant nowHour = now.truncatedTo(ChronoUnit.HOURS);
        Instant present = wallClock.instant().truncatedTo(ChronoUnit.HOURS);
        Optional<Instant> watermark = due.watermark();
        Instant first = firstHour(watermark, nowHour, present);
        Instant completeUpTo = null;
        boolean caughtUp = true;
        for (Instant hour = first; !hour.isAfter(nowHour); hour = hour.plus(Duration.ofHours(1))) {
            HourSwept swept = run.sweepHour(hour);
            if (swept == HourSwept.OUT_OF_BUDGET) {
                caughtUp = false;
                break;
            }
            caughtUp &= swept == HourSwept.ALL;
            Instant end = hour.plus(Duration.ofHours(1));
            if (caughtUp && !end.isAfter(now)) {
                completeUpTo = end; // every deadline of this hour and the ones before has passed and been handled
            }
        }
        if (completeUpTo != null && completeUpTo.isAfter(present)) {
            completeUpTo = present;
        }
        Instant stored = watermark.orElse(null);
        if (completeUpTo != null && (stored == null || completeUpTo.isAfter(stored))) {
            due.advanceWatermark(completeUpTo);
            stored = completeUpTo;
        }
        return new Result(now, List.copyOf(run.escalations), List.copyOf(run.warnings), List.copyOf(run.closed), List.copyOf(run.failures),
                run.alertsRaised, run.entriesRead, run.requestsRead, run.bucketsRead, caughtUp, stored);
    }

    /**
     * The first hour of the due index to read at {@code nowHour}: the last hour again and the watermark's on, or
     * without a watermark {@link #FIRST_LOOKBACK} back from the present (or the tick, if earlier). Every entry
     * due before it was swept: its request is due later, or not at all.
     */
    static Instant firstHour(Optional<Instant> watermark, Instant nowHour, Instant present) {
        return watermark.map(w -> earlier(w, nowHour.minus(RECHECK)))
                .orElse(earlier(nowHour, present).minus(FIRST_LOOKBACK));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private enum Outcome { ESCALATED, WARNED, CLOSED, RESUMED, NOT_DUE, LEFT_FOR_NEXT_SWEEP }

    private enum HourSwept { ALL, SOME_LEFT_FOR_NEXT_SWEEP, OUT_OF_BUDGET }

    /** The state of one sweep. */
    private final class Run {
        final Instant now;
        final Instant stopAt;
        final List<Escalation> escalations = new ArrayList<>();
        final List<Warning> warnings = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        int alertsRaised;
        int entriesRead;
        int requestsRead;
        int bucketsRead;
        int handled;

        Run(Instant now, Instant stopAt) {
            this.now = now;
            this.stopAt = stopAt;
        }

        boolean exhausted() {
            return handled >= limits.maxRequests() || !wallClock.instant().isBefore(stopAt);
        }

        /** Handles every entry of the hour due by now, in deadline order across its shards. */
        HourSwept sweepHour(Instant hour) {
            List<Shard> shards = new ArrayList<>();
            for (int shard = 0; shard < due.shards(); shard++) {
                shards.add(new Shard(hour, shard));
            }
            boolean someLeft = false;
            while (!exhausted()) {
                Optional<Shard> next = shards.stream().filter(Shard::hasNext)
                        .min(Comparator.comparing(Shard::head, ENTRY_ORDER));
                if (next.isEmpty()) {
                    return someLeft ? HourSwept.SOME_LEFT_FOR_NEXT_SWEEP : HourSwept.ALL;
                }
                someLeft |= handle(next.get().take()) == Outcome.LEFT_FOR_NEXT_SWEEP;
            }
            return HourSwept.OUT_OF_BUDGET;
        }

        Outcome handle(DueIndex.Entry entry) {
            handled++;
            try {
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    requestsRead++;
                    Optional<ServiceRequest> current = requests.find(entry.requestId());
                    if (current.isEmpty()) {
                        return Outcome.NOT_DUE;
                    }
                    try {
                        return RequestLifecycle.isDueToClose(current.get(), now) ? close(current.get())
                                : RequestLifecycle.isHoldExpired(current.get(), now) ? resumeExpiredHold(current.get())
                                : escalate(current.get());
                    } catch (ConcurrentChangeException changedMeanwhile) {
                        // read it again: the change may have stopped the clock, or another sweep escalated or
                        // closed it, or the resident rated it
                    }
                }
                return Outcome.LEFT_FOR_NEXT_SWEEP;
            } catch (StorageUnavailableException fault) {
                throw fault; // nothing more will work this sweep; the next one resumes from the watermark
            } catch (RuntimeException bug) {
                // one broken request must not stop the escalation of all others; it keeps its hour open
                failures.add(new Failure(entry.requestId(), bug));
                return Outcome.LEFT_FOR_NEXT_SWEEP;
            }
        }

        Outcome escalate(ServiceRequest current) {
            List<SlaClock> dueClocks = RequestLifecycle.dueClocks(current, now);
            List<SlaClock> dueWarnings = BreachWarning.due(current, now);
            if (dueClocks.isEmpty() && dueWarnings.isEmpty()) {
                return Outcome.NOT_DUE;
            }
            ServiceRequest next = current;
            for (SlaClock clock : dueWarnings) {
                next = BreachWarning.warn(next, clock, now);
            }
            List<Alert> raised = new ArrayList<>();
            for (SlaClock clock : dueClocks) {
                Alert alert = Alert.raise(current, clock.escalationLevel, clock.code() + " deadline missed", now);
                raised.add(alert);
                next = RequestLifecycle.escalate(next, clock, alert.addressee() + " " + alert.areaId() + " alerted", now);
            }
            if (next.needsRouting()) {
                next = routing.route(next, now); // the silent team was left behind: find another or queue it
            }
            for (Alert alert : raised) {
                if (alerts.raise(alert)) {
                    alertsRaised++;
                }
            }
            changes.replace(current, next); // and the teams' loads follow the re-routing
            for (SlaClock clock : dueClocks) {
                escalations.add(new Escalation(current.id(), clock, current.sla().deadline(clock)));
            }
            for (SlaClock clock : dueWarnings) {
                warnings.add(new Warning(current.id(), clock, current.sla().deadline(clock)));
            }
            return dueClocks.isEmpty() ? Outcome.WARNED : Outcome.ESCALATED;
        }

        /** The hold reached its own limit: the clocks run on from there, in the calendar in force now. */
        Outcome resumeExpiredHold(ServiceRequest current) {
            changes.replace(current, RequestLifecycle.resume(current, TimelineEntry.SYSTEM, HoldEnd.LIMIT, now,
                    calendars.apply(current.area().communityId())));
            return Outcome.RESUMED;
        }

        Outcome close(ServiceRequest current) {
            changes.replace(current, RequestLifecycle.close(current, now));
            closed.add(current.id());
            return Outcome.CLOSED;
        }

        /** One bucket of the hour, read a page at a time as the merge needs it. */
        private final class Shard {
            final Instant hour;
            final int shard;
            List<DueIndex.Entry> page = List.of();
            int position;
            boolean more = true;
            DueIndex.Entry last;

            Shard(Instant hour, int shard) {
                this.hour = hour;
                this.shard = shard;
            }

            boolean hasNext() {
                while (position >= page.size() && more) {
                    int room = Math.max(1, Math.min(PAGE, limits.maxRequests() - handled));
                    DueIndex.Batch batch = due.due(hour, shard, now, last, room);
                    bucketsRead++;
                    entriesRead += batch.entries().size();
                    page = batch.entries();
                    position = 0;
                    more = batch.more();
                }
                return position < page.size();
            }

            DueIndex.Entry head() {
                return page.get(position);
            }

            DueIndex.Entry take() {
                last = page.get(position++);
                return last;
            }
        }
    }

    private static final Comparator<DueIndex.Entry> ENTRY_ORDER =
            Comparator.comparing(DueIndex.Entry::due).thenComparing(DueIndex.Entry::requestId);
}
