package diandan.app.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import diandan.app.request.RequestChanges;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.port.registry.RegistryRepository;
import diandan.port.request.RequestRepository;
import diandan.port.request.TeamLoadRepository;
import diandan.port.request.TeamLoadRepository.Counting;

/**
 * Repairs the teams' loads that a crash left off by one. {@link RequestChanges} records a request's version on
 * its teams' loads beside writing the request (or after it); an invocation that dies half-way leaves the load one
 * version behind, or holding the record of a write that did not land, until the request is written again or the
 * client retries. This finds such loads team by team and records the request's stored version on them, as that
 * retry would.
 *
 * <p>Per team: the load's entries (read consistently), and the requests the team index lists as with
 * the team (one Query). Where both agree, the count is right and nothing more is read or written. Each request
 * on which they disagree is read again from the table, consistently, because the index may lag: only the stored
 * request decides whether it counts. When it disagrees with the load, the request's version is recorded with
 * {@link TeamLoadRepository#repair}, the conditional update every record uses: it applies only if the load has
 * heard of no newer version of the request. So a repair racing a live change cannot leave the load wrong: the
 * change's own record, newer, either refuses the repair or overwrites it. (A repair may also come first to a
 * record that a live call was about to make; it writes the same answer, and that call's record then changes
 * nothing.) A record of a version newer than the stored one was made beside a write that did not land, and its
 * call stopped before taking it back: it is revoked ({@link TeamLoadRepository#revoke}).
 *
 * <p>The work is one Query and one read per team, plus a read and a write per repaired request; bounded by a time
 * budget, starting each run at another team so that a run cut short leaves different teams to the next.
 */
public final class LoadReconciliation {
    /** Well inside the function's timeout. */
    public static final Duration BUDGET = Duration.ofSeconds(40);

    /**
     * What a run did: teams in the registry, those checked, those whose load it repaired, and the repaired
     * requests it added to loads (that counted but were missing) and removed from them (counted but no longer).
     */
    public record Result(int teams, int teamsChecked, int teamsRepaired, int countedAdded, int countedRemoved,
                         boolean complete) {
        /** How far the repaired loads were off, in total. */
        public int totalDelta() {
            return countedAdded + countedRemoved;
        }
    }

    private final RegistryRepository registry;
    private final RequestRepository requests;
    private final TeamLoadRepository loads;
    private final Duration budget;
    private final Clock clock;

    public LoadReconciliation(RegistryRepository registry, RequestRepository requests, TeamLoadRepository loads,
                              Duration budget, Clock clock) {
        this.registry = registry;
        this.requests = requests;
        this.loads = loads;
        this.budget = budget;
        this.clock = clock;
    }

    public Result run() {
        List<String> teams = registry.contents().teams().stream().map(Team::id).sorted().toList();
        Instant stopAt = clock.instant().plus(budget);
        int first = teams.isEmpty() ? 0 : (int) Math.floorMod(clock.millis(), (long) teams.size());
        int checked = 0;
        int repaired = 0;
        int added = 0;
        int removed = 0;
        while (checked < teams.size() && clock.instant().isBefore(stopAt)) {
            String team = teams.get((first + checked) % teams.size());
            checked++;
            Repair repair = reconcile(team);
            added += repair.added;
            removed += repair.removed;
            if (repair.added + repair.removed > 0) {
                repaired++;
            }
        }
        return new Result(teams.size(), checked, repaired, added, removed, checked == teams.size());
    }

    /**
     * Records the stored version; over a record of a version the request has not reached (made beside a write that
     * never landed), a revocation. Such a record may also be a live call's, whose write is about to land: revoked,
     * the load is one version behind, which that call's next write or the next run repairs.
     */
    private boolean bringInLine(String team, ServiceRequest stored, Counting counting, Long held) {
        if (held != null && Math.abs(held) > stored.version()) {
            return loads.revoke(team, stored.id(), held, stored.version(), counting, clock.instant());
        }
        return loads.repair(team, stored.id(), stored.version(), counting, clock.instant());
    }

    /** Requests a team's repair added to its count, and removed from it. */
    private static final class Repair {
        int added;
        int removed;
    }

    private Repair reconcile(String team) {
        Map<String, Long> entries = loads.entries(team);
        Set<String> counted = new TreeSet<>();
        entries.forEach((id, held) -> {
            if (held > 0) {
                counted.add(id);
            }
        });
        Set<String> listed = requests.listedWithTeam(team);
        Set<String> disagreeing = new TreeSet<>(counted);
        disagreeing.addAll(listed);
        disagreeing.removeIf(id -> counted.contains(id) == listed.contains(id));
        Repair repair = new Repair();
        for (String id : disagreeing) {
            Optional<ServiceRequest> stored = requests.find(id);
            if (stored.isEmpty()) {
                continue; // a load hears of a request only after it is stored, and requests are never deleted
            }
            Counting counting = Counting.of(stored.get(), team);
            boolean counts = counting == Counting.COUNTS;
            if (counts != counted.contains(id) && bringInLine(team, stored.get(), counting, entries.get(id))) {
                if (counts) {
                    repair.added++;
                } else {
                    repair.removed++;
                }
            }
        }
        return repair;
    }
}
