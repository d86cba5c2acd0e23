package diandan.local.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.TimelineEntry;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyKey;
import diandan.port.Page;

/**
 * What must hold at the end of every run, read back from the store and recomputed independently of the code
 * that keeps it: each team's load is its open requests; each tally the sum of its certified records; each
 * missed deadline escalated exactly once and none early; no request lost. Each violation is one line.
 */
final class Invariants {
    /**
     * A deadline passed this long before a clock stopped (or before the end) must have been swept: the sweep
     * runs every minute, so a clock stopped within this of its deadline may or may not have been escalated.
     */
    static final Duration SWEEP_SLACK = Duration.ofMinutes(2);

    private Invariants() {
    }

    static List<String> check(Simulation simulation) {
        List<String> violations = new ArrayList<>();
        Map<String, ServiceRequest> stored = new LinkedHashMap<>();
        noRequestLost(simulation, stored, violations);
        loadsAreOpenRequests(simulation, stored, violations);
        escalatedOnceNeverEarly(simulation.clock.instant(), stored, violations);
        talliesAreCertifiedSums(simulation, violations);
        return violations;
    }

    private static void noRequestLost(Simulation simulation, Map<String, ServiceRequest> stored, List<String> violations) {
        Set<String> waiting = new HashSet<>();
        String cursor = null;
        do {
            Page<ServiceRequest> page = simulation.wiring.requests.waiting(100, cursor);
            page.items().forEach(r -> waiting.add(r.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        for (Simulation.Tracked tracked : simulation.requests) {
            if (tracked.id == null) {
                continue;
            }
            Optional<ServiceRequest> found = simulation.wiring.requests.find(tracked.id);
            if (found.isEmpty()) {
                violations.add("lost: request " + tracked.id + " (submitted " + tracked.submittedAt + ") is gone");
                continue;
            }
            ServiceRequest request = found.get();
            stored.put(request.id(), request);
            if (request.status().isWithTeam() && request.teamId() == null) {
                violations.add("lost: request " + request.id() + " is " + request.status().code() + " with no team");
            }
            if (request.status() == RequestStatus.UNROUTED && !waiting.contains(request.id())) {
                violations.add("lost: unrouted request " + request.id() + " is missing from the dispatchers' queue");
            }
        }
    }

    private static void loadsAreOpenRequests(Simulation simulation, Map<String, ServiceRequest> stored,
                                             List<String> violations) {
        Map<String, Set<String>> open = new HashMap<>();
        stored.values().forEach(r -> r.loadTeam().ifPresent(team -> open.computeIfAbsent(team, t -> new HashSet<>()).add(r.id())));
        for (String team : simulation.teams.keySet()) {
            Set<String> expected = open.getOrDefault(team, Set.of());
            int load = simulation.wiring.loads.load(team).openCount();
            Set<String> counted = simulation.wiring.loads.counted(team);
            if (load != expected.size() || !counted.equals(expected)) {
                violations.add("load: team " + team + " has load " + load + " counting " + counted
                        + ", but its open requests are " + expected);
            }
        }
    }

    private static void escalatedOnceNeverEarly(Instant asOf, Map<String, ServiceRequest> stored, List<String> violations) {
        for (ServiceRequest request : stored.values()) {
            for (SlaClock clock : SlaClock.values()) {
                Instant due = request.sla().deadline(clock);
                Instant stopped = request.sla().stoppedAt(clock);
                String prefix = "level " + clock.escalationLevel + ": ";
                List<Instant> escalations = request.timeline().stream()
                        .filter(e -> e.type().equals("escalated") && e.note().startsWith(prefix))
                        .map(TimelineEntry::at).toList();
                if (escalations.size() > 1) {
                    violations.add("escalation: " + request.id() + " " + clock.code() + " escalated "
                            + escalations.size() + " times");
                }
                escalations.stream().filter(at -> at.isBefore(due)).findFirst().ifPresent(at ->
                        violations.add("escalation: " + request.id() + " " + clock.code() + " escalated at " + at
                                + ", before its deadline " + due));
                Instant runningUntil = stopped != null ? stopped : stillRunning(request, asOf);
                boolean surelyMissed = runningUntil != null && runningUntil.isAfter(due.plus(SWEEP_SLACK));
                boolean kept = runningUntil != null ? !runningUntil.isAfter(due) : !asOf.isAfter(due);
                if (surelyMissed && escalations.isEmpty()) {
                    violations.add("escalation: " + request.id() + " missed its " + clock.code() + " deadline " + due
                            + " and was never escalated");
                }
                if (kept && stopped != null && !escalations.isEmpty()) {
                    violations.add("escalation: " + request.id() + " kept its " + clock.code() + " deadline and was"
                            + " escalated all the same");
                }
            }
        }
    }

    /** Until when a clock that never stopped ran: the end of the run, or the moment its request ended. */
    private static Instant stillRunning(ServiceRequest request, Instant asOf) {
        return request.status().isOpen() ? asOf : null;
    }

    private static void talliesAreCertifiedSums(Simulation simulation, List<String> violations) {
        Map<String, HoursRecord> records = simulation.hoursStore().findAll(simulation.hoursRecords);
        Map<TallyKey, long[]> expected = new HashMap<>();
        for (HoursRecord record : records.values()) {
            if (record.status() != RecordStatus.CERTIFIED) {
                continue;
            }
            for (TallyKey key : TallyKey.of(record.facts())) {
                long[] sum = expected.computeIfAbsent(key, k -> new long[2]);
                sum[0] += record.halfHours();
                sum[1]++;
            }
        }
        for (Map.Entry<TallyKey, long[]> entry : expected.entrySet()) {
            Tally tally = simulation.tallyStore().tally(entry.getKey());
            if (tally.halfHours() != entry.getValue()[0] || tally.records() != entry.getValue()[1]) {
                violations.add("tally: " + entry.getKey() + " holds " + tally.halfHours() / 2.0 + " h in "
                        + tally.records() + " records; its certified records sum to " + entry.getValue()[0] / 2.0
                        + " h in " + entry.getValue()[1]);
            }
        }
        if (records.size() != simulation.hoursRecords.size()) {
            violations.add("lost: " + (simulation.hoursRecords.size() - records.size()) + " hours records are gone");
        }
    }
}
