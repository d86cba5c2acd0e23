package diandan.domain.menu;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import diandan.domain.RoutingOrder;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.menu.MenuOrder.Outcome;

/**
 * Whether a resident's order of a project may go to the project's team, in the order it is checked: the project
 * serves the community, it and its team are active, its team may take the request as routing would let it (serves
 * the category and the community, below its capacity of open requests: {@link RoutingOrder#eligibility}), and the
 * project offers a session from now on. What remains is room in the project's window, which only its counter can
 * tell ({@link Decision#window}).
 */
public final class OrderRule {
    /** The outcome if refused, or the window whose counter decides between ordered and full. */
    public record Decision(Outcome refusal, String window) {
        public boolean mayOrder() {
            return refusal == null;
        }
    }

    private OrderRule() {
    }

    /**
     * @param request the request as drafted, in the project's category
     * @param team    the project's team in the registry, if it is still there
     * @param load    its load
     */
    public static Decision decide(Project project, ServiceRequest request, Optional<Team> team, TeamLoad load,
                                  Instant now, ZoneId zone) {
        if (!project.serves(request.area()) || team.isEmpty()) {
            return refused(Outcome.NOT_OFFERED_HERE);
        }
        if (!project.active()) {
            return refused(Outcome.PAUSED);
        }
        switch (RoutingOrder.eligibility(team.get(), request, load)) {
            case NOT_SERVING, HAD_IT -> {
                // a new request has had no team, so HAD_IT cannot arise; it would bar the team as routing does
                return refused(Outcome.NOT_OFFERED_HERE);
            }
            case PAUSED -> {
                return refused(Outcome.PAUSED);
            }
            case FULL -> {
                return refused(Outcome.TEAM_FULL);
            }
            case ELIGIBLE -> { }
        }
        return project.capacity().window(project.offered(), now, zone)
                .map(window -> new Decision(null, window))
                .orElseGet(() -> refused(Outcome.ENDED));
    }

    private static Decision refused(Outcome outcome) {
        return new Decision(outcome, null);
    }
}
