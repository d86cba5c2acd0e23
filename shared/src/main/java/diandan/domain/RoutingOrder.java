package diandan.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which team a request goes to, and why: the routing rule in one place.
 *
 * <p>A team is eligible when it is active, serves the request's category, covers its community (directly,
 * through the community's street, or district-wide), has not had the request before (declined it, was
 * re-routed or taken away from it) and is below capacity. Among eligible teams the nearest level wins
 * (community, then street, then district); within a level the least loaded (open ÷ capacity); then the one
 * that has waited longest since its last dispatch (never dispatched counts as longest); then the lowest id,
 * so that the same facts always give the same choice.
 */
public final class RoutingOrder {
    /** The outcome: a team with the reason for the timeline, or none with what stood in the way. */
    public record Decision(String teamId, String note) {
        public boolean routed() {
            return teamId != null;
        }
    }

    private record Eligible(Team team, Team.Coverage coverage, TeamLoad load) {
    }

    private static final Comparator<Eligible> ORDER = Comparator
            .comparing(Eligible::coverage)
            .thenComparing(RoutingOrder::compareLoad)
            .thenComparing(e -> e.load().lastDispatchedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.team().id());

    private RoutingOrder() {
    }

    /** Teams that could take the request if they have room: the only teams whose loads routing needs. */
    public static List<String> candidates(ServiceRequest request, Registry registry) {
        return registry.teams().stream().filter(t -> couldTake(t, request)).map(Team::id).toList();
    }

    /** Decides; {@code loads} holds the candidates' loads (a team missing from it has none). */
    public static Decision decide(ServiceRequest request, Registry registry, Map<String, TeamLoad> loads) {
        List<Eligible> eligible = new ArrayList<>();
        int serving = 0;
        int paused = 0;
        int left = 0;
        int full = 0;
        for (Team team : registry.teams()) {
            if (!team.serves(request.category()) || team.coverage(request.area()).isEmpty()) {
                continue;
            }
            serving++;
            TeamLoad load = loads.getOrDefault(team.id(), TeamLoad.idle(team.id()));
            if (!team.active()) {
                paused++;
            } else if (request.declinedTeams().contains(team.id())) {
                left++;
            } else if (!load.isBelow(team.capacity())) {
                full++;
            } else {
                eligible.add(new Eligible(team, team.coverage(request.area()).get(), load));
            }
        }
        if (eligible.isEmpty()) {
            return new Decision(null, serving == 0
                    ? "no team serves " + request.category() + " in " + request.area().communityId()
                    : "no eligible team: of " + serving + " serving " + request.category() + " here, " + paused
                            + " paused, " + left + " had it before, " + full + " at capacity");
        }
        eligible.sort(ORDER);
        Eligible chosen = eligible.get(0);
        return new Decision(chosen.team().id(), "routed to a " + chosen.coverage().code() + " team, load "
                + chosen.load().of(chosen.team().capacity()) + ", " + why(eligible));
    }

    private static boolean couldTake(Team team, ServiceRequest request) {
        return team.active() && team.serves(request.category()) && team.coverage(request.area()).isPresent()
                && !request.declinedTeams().contains(team.id());
    }

    /** What set the chosen team apart from the runner-up. */
    private static String why(List<Eligible> ranked) {
        if (ranked.size() == 1) {
            return "the only eligible team";
        }
        Eligible first = ranked.get(0);
        Eligible second = ranked.get(1);
        if (first.coverage() != second.coverage()) {
            return "the only eligible team at the nearest level";
        }
        if (compareLoad(first, second) != 0) {
            return "the least loaded of " + ranked.size() + " eligible";
        }
        if (!Objects.equals(first.load().lastDispatchedAt(), second.load().lastDispatchedAt())) {
            return "as loaded as another, waiting longest since its last dispatch";
        }
        return "tied with another on load and waiting time, first by id";
    }

    /** open ÷ capacity compared exactly, without rounding: a/b &lt; c/d ⇔ a·d &lt; c·b. */
    private static int compareLoad(Eligible a, Eligible b) {
        return Long.compare((long) a.load().openCount() * b.team().capacity(),
                (long) b.load().openCount() * a.team().capacity());
    }
}
