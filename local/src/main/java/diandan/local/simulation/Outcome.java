package diandan.local.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;

/**
 * What one run shows: how many requests kept each promise, overall and by street, category and team; the
 * escalations per level; the queue and the teams' loads over the day; the hours recorded; the answers by route
 * and status; and the invariants' violations (none, or the run fails).
 */
public record Outcome(String label, double scale, double requestsPerDay, int submitted, int refusedSubmissions,
                      Map<SlaClock, Kept> overall, Map<String, Map<SlaClock, Kept>> byStreet,
                      Map<String, Map<SlaClock, Kept>> byCategory, Map<String, Map<SlaClock, Kept>> byTeam,
                      Map<Integer, Integer> escalationsByLevel, Map<String, Integer> byStatus,
                      List<Simulation.Sample> samples, Map<String, Double> peakUtilisation,
                      Map<String, Instant> firstFull, Map<String, Integer> capacities, int hoursRecords,
                      int certifiedRecords, double certifiedHours, double districtTallyHours,
                      Map<String, Integer> answers, Map<String, Integer> ticks, List<String> refused,
                      List<String> errors, List<String> violations, double wallSeconds, double simulatedDays,
                      Map<String, Long> nanosByFunction) {
    /** Of the clocks that have run out or stopped: how many stopped in time. Clocks still running in time are left out. */
    public record Kept(int met, int missed) {
        Kept plus(boolean kept) {
            return kept ? new Kept(met + 1, missed) : new Kept(met, missed + 1);
        }

        public double share() {
            return met + missed == 0 ? Double.NaN : (double) met / (met + missed);
        }
    }

    /** Whether the run passed: no violated invariant and no handler failing. */
    public boolean passed() {
        return violations.isEmpty() && errors.isEmpty();
    }

    static Outcome of(Simulation simulation, Scenario scenario, List<String> violations) {
        Instant asOf = simulation.end;
        Map<SlaClock, Kept> overall = new EnumMap<>(SlaClock.class);
        Map<String, Map<SlaClock, Kept>> byStreet = new TreeMap<>();
        Map<String, Map<SlaClock, Kept>> byCategory = new TreeMap<>();
        Map<String, Map<SlaClock, Kept>> byTeam = new TreeMap<>();
        Map<Integer, Integer> escalations = new TreeMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        int submitted = 0;
        for (Simulation.Tracked tracked : simulation.requests) {
            if (tracked.id == null) {
                continue;
            }
            submitted++;
            ServiceRequest request = simulation.wiring.requests.find(tracked.id).orElseThrow();
            byStatus.merge(request.status().code(), 1, Integer::sum);
            request.timeline().stream().filter(e -> e.type().equals("escalated"))
                    .forEach(e -> escalations.merge(Integer.parseInt(e.note().substring(6, 7)), 1, Integer::sum));
            String team = request.teamId() != null ? request.teamId() : request.isWish() ? "(wish wall)" : "(no team)";
            for (SlaClock clock : SlaClock.values()) {
                Instant due = request.sla().deadline(clock);
                Instant stopped = request.sla().stoppedAt(clock);
                if (stopped != null && stopped.isAfter(asOf)) {
                    stopped = null;
                }
                if (stopped == null && !due.isBefore(asOf)) {
                    continue;
                }
                boolean kept = stopped != null && !stopped.isAfter(due);
                overall.merge(clock, new Kept(0, 0).plus(kept), Outcome::sum);
                byStreet.computeIfAbsent(request.area().streetId(), k -> new EnumMap<>(SlaClock.class))
                        .merge(clock, new Kept(0, 0).plus(kept), Outcome::sum);
                byCategory.computeIfAbsent(request.category(), k -> new EnumMap<>(SlaClock.class))
                        .merge(clock, new Kept(0, 0).plus(kept), Outcome::sum);
                byTeam.computeIfAbsent(team, k -> new EnumMap<>(SlaClock.class))
                        .merge(clock, new Kept(0, 0).plus(kept), Outcome::sum);
            }
        }
        Map<String, HoursRecord> records = simulation.hoursStore().findAll(simulation.hoursRecords);
        List<HoursRecord> certified = records.values().stream().filter(r -> r.status() == RecordStatus.CERTIFIED).toList();
        double certifiedHours = certified.stream().mapToInt(HoursRecord::halfHours).sum() / 2.0;
        double districtTally = simulation.tallyStore().tally(TallyKey.of(TallyScope.DISTRICT, Simulation.DISTRICT, "all"))
                .halfHours() / 2.0;
        Map<String, Integer> capacities = new LinkedHashMap<>();
        simulation.teams.values().forEach(t -> capacities.put(t.id(), t.capacity()));
        String label = scenario.scale() + "x" + (scenario.levers().any() ? " " + leverLabel(scenario.levers()) : "");
        return new Outcome(label, scenario.scale(), scenario.baseRequestsPerDay() * scenario.scale(), submitted,
                simulation.requests.size() - submitted, overall, byStreet, byCategory, byTeam, escalations, byStatus,
                List.copyOf(simulation.samples), Map.copyOf(simulation.peakUtilisation), Map.copyOf(simulation.firstFull),
                capacities, records.size(), certified.size(), certifiedHours, districtTally, Map.copyOf(simulation.desk.answers),
                Map.copyOf(simulation.desk.ticks), List.copyOf(simulation.refused), List.copyOf(simulation.desk.errors),
                List.copyOf(violations), simulation.wallNanos / 1e9,
                simulation.length().toMinutes() / 1440.0, Map.copyOf(simulation.desk.nanos));
    }

    static String leverLabel(Scenario.Levers levers) {
        List<String> parts = new ArrayList<>();
        if (levers.capacityFactor() != 1) {
            parts.add("capacity ×" + trim(levers.capacityFactor()));
        }
        if (levers.twinTeams()) {
            parts.add("twin teams in every street");
        }
        if (levers.clocks() != null) {
            parts.add("clocks " + levers.clocks()[0] + " min / " + levers.clocks()[1] + " min / "
                    + levers.clocks()[2] / 60 + " h");
        }
        return String.join(", ", parts);
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Kept sum(Kept a, Kept b) {
        return new Kept(a.met + b.met, a.missed + b.missed);
    }

    /** A digest of the run that a second run from the same seed must reproduce exactly. */
    public String fingerprint() {
        return label + " " + submitted + " " + overall + " " + byTeam + " " + escalationsByLevel + " " + byStatus + " "
                + samples + " " + hoursRecords + " " + certifiedHours + " " + answers;
    }
}
