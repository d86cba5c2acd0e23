package diandan.domain;

import java.time.Instant;
import java.util.ArrayList;
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

    /** What {@link #eligibility} finds between a team and a request. */
    public enum Eligibility {
        /** It may take it. */
        ELIGIBLE,
        /** It does not serve the category, or does not cover the community. */
        NOT_SERVING,
        /** It is paused. */
        PAUSED,
        /** It has had the request before: declined it, was re-routed or taken away from it. */
        HAD_IT,
        /** It is at (or over) capacity. */
        FULL
    }

    private record Eligible(Team team, Team.Coverage coverage, TeamLoad load) {
    }

    private RoutingOrder() {
    }

    /** Teams that could take the request if they have room: the only teams whose loads routing needs. */
    public static List<String> candidates(ServiceRequest request, Registry registry) {
        return registry.teams().stream().filter(t -> couldTake(t, request)).map(Team::id).toList();
    }

    /**
     * Teams that could take some request {@code team} could take, apart from it: active, serving one of its
     * categories, covering an area on one branch of the tree with one of its areas. Every candidate of a request
     * {@code team} gives back is among them, so their loads may be read before the request is.
     */
    public static List<String> candidatesAfter(Team team, Registry registry) {
        return registry.teams().stream()
                .filter(other -> !other.id().equals(team.id()) && other.active()
                        && other.categories().stream().anyMatch(team::serves)
                        && other.areaIds().stream().anyMatch(area -> team.areaIds().stream()
                                .anyMatch(its -> registry.overlaps(area, its))))
                .map(Team::id).toList();
    }

    /** Decides; {@code loads} holds the candidates' loads (a team missing from it has none). */
    public static Decision decide(ServiceRequest request, Registry registry, Map<String, TeamLoad> loads) {
        List<Eligible> eligible = new ArrayList<>();
        int serving = 0;
        int paused = 0;
        int left = 0;
        int full = 0;
        for (Team team : registry.teams()) {
            TeamLoad load = loads.getOrDefault(team.id(), TeamLoad.idle(team.id()));
            Eligibility eligibility = eligibility(team, request, load);
            if (eligibility != Eligibility.NOT_SERVING) {
                serving++;
            }
            switch (eligibility) {
                case NOT_SERVING -> { }
                case PAUSED -> paused++;
                case HAD_IT -> left++;
                case FULL -> full++;
                case ELIGIBLE -> eligible.add(new Eligible(team, team.coverage(request.area()).get(), load));
            }
        }
        if (eligible.isEmpty()) {
            return new Decision(null, serving == 0
                    ? "no team serves " + request.category() + " in " + request.area().communityId()
                    : "no eligible team: of " + serving + " serving " + request.category() + " here, " + paused
                            + " paused, " + left + " had it before, " + full + " at capacity");
        }
        eligible.sort(RoutingOrder::order);
        Eligible chosen = eligible.get(0);
        return new Decision(chosen.team().id(), "routed to a " + chosen.coverage().code() + " team, load "
                + chosen.load().of(chosen.team().capacity()) + ", " + why(eligible));
    }

    /**
     * Whether this team may take this request with this load, and if not, what stands in the way (in the order
     * it is checked): the eligibility rule, for routing, for claiming a wish and for the waiting queue alike.
     */
    public static Eligibility eligibility(Team team, ServiceRequest request, TeamLoad load) {
        if (!team.serves(request.category()) || team.coverage(request.area()).isEmpty()) {
            return Eligibility.NOT_SERVING;
        }
        if (!team.active()) {
            return Eligibility.PAUSED;
        }
        if (request.declinedTeams().contains(team.id())) {
            return Eligibility.HAD_IT;
        }
        return load.isBelow(team.capacity()) ? Eligibility.ELIGIBLE : Eligibility.FULL;
    }

    /** Eligible but for room: an idle load is below every capacity (at least 1). */
    private static boolean couldTake(Team team, ServiceRequest request) {
        return eligibility(team, request, TeamLoad.idle(team.id())) == Eligibility.ELIGIBLE;
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

    /**
     * Best first: the nearer coverage, then the lighter load, then the longest wait since its last dispatch (never
     * dispatched to first), then the id. One method, not a chain of comparators: each lambda of a chain is a class
     * loaded by a container's first submission.
     */
    private static int order(Eligible a, Eligible b) {
        int byCoverage = a.coverage().compareTo(b.coverage());
        if (byCoverage != 0) {
            return byCoverage;
        }
        int byLoad = compareLoad(a, b);
        if (byLoad != 0) {
            return byLoad;
        }
        Instant aLast = a.load().lastDispatchedAt();
        Instant bLast = b.load().lastDispatchedAt();
        if (aLast == null || bLast == null) {
            if (aLast != bLast) {
                return aLast == null ? -1 : 1;
            }
        } else if (!aLast.equals(bLast)) {
            return aLast.compareTo(bLast);
        }
        return a.team().id().compareTo(b.team().id());
    }

    /** open ÷ capacity compared exactly, without rounding: a/b &lt; c/d ⇔ a·d &lt; c·b. */
    private static int compareLoad(Eligible a, Eligible b) {
        return Long.compare((long) a.load().openCount() * b.team().capacity(),
                (long) b.load().openCount() * a.team().capacity());
    }
}
