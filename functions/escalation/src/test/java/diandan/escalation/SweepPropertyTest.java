package diandan.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Alert;
import diandan.domain.AreaType;
import diandan.domain.Clocks;
import diandan.domain.Problem;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.TimelineEntry;
import diandan.port.Page;
import diandan.port.escalation.AlertQuery;
import diandan.port.escalation.AlertRepository;
import diandan.port.request.RequestRepository;

/**
 * A simulated clock: requests submitted over an hour with random clocks; teams accept, reply and resolve at
 * random moments or never, residents sometimes cancel; a sweep every simulated minute, some delivered twice,
 * some run three at once on threads, some overlapping a late duplicate of the minute before. Then, from each
 * request's final state: every deadline that was still pending at the first sweep at or after it was escalated
 * exactly once, by that sweep (never early, never more than one period late), with exactly one alert; no
 * other deadline was escalated.
 *
 * <p>{@code -Ddiandan.sweep.requests=N} and {@code -Ddiandan.sweep.seed=S} change the size and the draw.
 */
@ExtendWith(DynaliteExtension.class)
class SweepPropertyTest {
    static final int REQUESTS = Integer.getInteger("diandan.sweep.requests", 1000);
    static final long SEED = Long.getLong("diandan.sweep.seed", 20261128L);
    static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    static final Duration PERIOD = Duration.ofMinutes(1);
    /** Submissions over the first hour; the longest clock drawn is 140 minutes: all is over by minute 205. */
    static final int MINUTES = 205;
    static final Instant END = START.plus(PERIOD.multipliedBy(MINUTES));

    enum Action { ACCEPT, REPLY, RESOLVE, CANCEL }

    record Planned(Instant at, String requestId, Action action) {
    }

    @Test
    void everyMissedDeadlineIsEscalatedOnceByTheFirstSweepAfterIt(LocalTable table) throws Exception {
        Random random = new Random(SEED);
        List<ServiceRequest> submitted = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String id = String.format("p%04d", i);
            Instant at = START.plusMillis(random.nextInt(3_600_000));
            int respond = 2 + random.nextInt(19);
            int reply = respond + random.nextInt(31);
            int resolve = reply + random.nextInt(91);
            submitted.add(Fixtures.submitted(id, at, new Clocks(respond, reply, resolve),
                    random.nextInt(10) == 0 ? null : "team-a"));
            planMaybe(plan, random, 0.75, at, respond * 1.6, id, Action.ACCEPT);
            planMaybe(plan, random, 0.7, at, reply * 1.6, id, Action.REPLY);
            planMaybe(plan, random, 0.6, at, resolve * 1.4, id, Action.RESOLVE);
            planMaybe(plan, random, 0.05, at, resolve, id, Action.CANCEL);
        }
        plan.sort(Comparator.comparing(Planned::at));
        Fixtures.createAll(table, submitted);

        RequestRepository requests = Fixtures.requests(table);
        Sweeper sweeper = Fixtures.sweeper(table, Sweeper.Limits.STANDARD);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        long started = System.nanoTime();
        int next = 0;
        int sweeps = 0;
        try {
            for (int minute = 0; minute <= MINUTES; minute++) {
                Instant now = START.plus(PERIOD.multipliedBy(minute));
                for (; next < plan.size() && plan.get(next).at().isBefore(now); next++) {
                    apply(requests, plan.get(next));
                }
                int draw = random.nextInt(20);
                if (draw < 2) { // delivered twice
                    sweeper.sweep(now);
                    sweeper.sweep(now);
                    sweeps += 2;
                } else if (draw < 4) { // three at once
                    List<Future<Sweeper.Result>> running = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        running.add(threads.submit(() -> sweeper.sweep(now)));
                    }
                    for (Future<Sweeper.Result> sweep : running) {
                        sweep.get();
                    }
                    sweeps += 3;
                } else if (draw < 5) { // overlapping a late duplicate of the minute before
                    Future<Sweeper.Result> late = threads.submit(() -> sweeper.sweep(now.minus(PERIOD)));
                    sweeper.sweep(now);
                    late.get();
                    sweeps += 2;
                } else {
                    assertTrue(sweeper.sweep(now).caughtUp());
                    sweeps++;
                }
            }
        } finally {
            threads.shutdown();
        }
        long simulatedMs = (System.nanoTime() - started) / 1_000_000;

        Map<String, List<Alert>> alertsByRequestLevel = alertsByRequestAndLevel(Fixtures.alerts(table));
        int expected = 0;
        for (ServiceRequest initial : submitted) {
            ServiceRequest request = requests.find(initial.id()).orElseThrow();
            Map<Integer, List<TimelineEntry>> escalations = new HashMap<>();
            request.timeline().stream().filter(e -> e.type().equals("escalated"))
                    .forEach(e -> escalations.computeIfAbsent(level(e), l -> new ArrayList<>()).add(e));
            for (SlaClock clock : SlaClock.values()) {
                Instant deadline = request.sla().deadline(clock);
                Instant firstSweep = deadline.truncatedTo(ChronoUnit.MINUTES).equals(deadline) ? deadline
                        : deadline.truncatedTo(ChronoUnit.MINUTES).plus(PERIOD);
                Instant blocked = earliest(request.sla().stoppedAt(clock),
                        clock == SlaClock.RESOLVE ? null : request.sla().resolvedAt(), cancelledAt(request));
                boolean missed = !firstSweep.isAfter(END) && (blocked == null || !blocked.isBefore(firstSweep));
                List<TimelineEntry> entries = escalations.getOrDefault(clock.escalationLevel, List.of());
                List<Alert> alerts = alertsByRequestLevel.getOrDefault(request.id() + "/" + clock.escalationLevel,
                        List.of());
                String what = request.id() + " " + clock.code() + " due " + deadline + " blocked " + blocked;
                if (missed) {
                    expected++;
                    assertEquals(1, entries.size(), what + ": escalated once " + entries);
                    assertEquals(firstSweep, entries.get(0).at(), what + ": by the first sweep after the deadline");
                    assertTrue(!entries.get(0).at().isBefore(deadline)
                            && entries.get(0).at().isBefore(deadline.plus(PERIOD)), what);
                    assertEquals(1, alerts.size(), what + ": one alert " + alerts);
                    assertEquals(firstSweep, alerts.get(0).at(), what);
                } else {
                    assertEquals(List.of(), entries, what + ": not escalated");
                    assertEquals(List.of(), alerts, what + ": no alert");
                }
            }
        }
        int alertCount = alertsByRequestLevel.values().stream().mapToInt(List::size).sum();
        assertEquals(expected, alertCount, "no alert beyond the escalations");
        System.out.printf("property: %d requests (seed %d), %d planned events, %d sweeps over %d simulated minutes"
                        + " in %d ms; %d deadlines escalated exactly once, %d alerts%n", REQUESTS, SEED, plan.size(),
                sweeps, MINUTES, simulatedMs, expected, alertCount);
    }

    private static void planMaybe(List<Planned> plan, Random random, double probability, Instant from,
                                  double withinMinutes, String id, Action action) {
        if (random.nextDouble() < probability) {
            plan.add(new Planned(from.plusMillis((long) (random.nextDouble() * withinMinutes * 60_000)), id, action));
        }
    }

    /** What the team or the resident does, if the request's state still allows it then. */
    private static void apply(RequestRepository requests, Planned event) {
        ServiceRequest current = requests.find(event.requestId()).orElseThrow();
        ServiceRequest next;
        try {
            next = switch (event.action()) {
                case ACCEPT -> RequestLifecycle.accept(current, "leader", event.at());
                case REPLY -> RequestLifecycle.reply(current, "leader", "we will come", null, event.at());
                case RESOLVE -> RequestLifecycle.resolve(current, "leader", "done", event.at());
                case CANCEL -> RequestLifecycle.cancel(current, "resident", "no longer needed", event.at());
            };
        } catch (Problem notNow) {
            return;
        }
        requests.replace(current, next);
    }

    private static int level(TimelineEntry escalated) {
        return Integer.parseInt(escalated.note().substring("level ".length(), "level ".length() + 1));
    }

    private static Instant cancelledAt(ServiceRequest request) {
        return request.timeline().stream().filter(e -> e.type().equals("cancelled")).map(TimelineEntry::at)
                .findFirst().orElse(null);
    }

    private static Instant earliest(Instant... instants) {
        Instant earliest = null;
        for (Instant instant : instants) {
            if (instant != null && (earliest == null || instant.isBefore(earliest))) {
                earliest = instant;
            }
        }
        return earliest;
    }

    /** The escalation alerts (levels 1 to 3) by request and level. */
    private static Map<String, List<Alert>> alertsByRequestAndLevel(AlertRepository alerts) {
        Map<String, List<Alert>> byRequestLevel = new HashMap<>();
        String cursor = null;
        do {
            Page<Alert> page = alerts.list(new AlertQuery(AreaType.DISTRICT, "weicheng", null, null, 100, cursor));
            page.items().stream().filter(a -> a.level() > 0) // level 0: unrouted, raised by routing, not by a clock
                    .forEach(a -> byRequestLevel.computeIfAbsent(a.requestId() + "/" + a.level(),
                            k -> new ArrayList<>()).add(a));
            cursor = page.nextCursor();
        } while (cursor != null);
        return byRequestLevel;
    }
}
