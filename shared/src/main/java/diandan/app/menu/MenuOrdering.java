package diandan.app.menu;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import diandan.app.registry.RegistryCache;
import diandan.app.request.Routing;
import diandan.domain.Ids;
import diandan.domain.Registry;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.TimelineEntry;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.menu.MenuOrder;
import diandan.domain.menu.MenuOrder.Outcome;
import diandan.domain.menu.OrderRule;
import diandan.domain.menu.Project;
import diandan.port.menu.ProjectOrders;
import diandan.port.menu.ProjectRepository;
import diandan.port.request.TeamLoadRepository;

/**
 * A resident's order of a project: to the project's team when {@link OrderRule} lets it and the project's counter
 * takes it in its week or session, else routed as any request of the project's category, the request remembering
 * why ({@link MenuOrder}). The counter is taken before the request is written and is never given back: a request
 * write whose outcome is unknown may have been made, and a retry with the same {@code Idempotency-Key} has the
 * same request id, which the counter recognises. A cancelled order keeps its place in its window: capacity counts
 * the orders taken, as a team plans its week by them.
 */
public final class MenuOrdering {
    private final ProjectRepository projects;
    private final ProjectOrders orders;
    private final RegistryCache registry;
    private final TeamLoadRepository loads;
    private final Routing routing;

    public MenuOrdering(ProjectRepository projects, ProjectOrders orders, RegistryCache registry,
                        TeamLoadRepository loads, Routing routing) {
        this.projects = projects;
        this.orders = orders;
        this.registry = registry;
        this.loads = loads;
        this.routing = routing;
    }

    /** The project a submission names, as stored now; none for an id that is not one. */
    public Optional<Project> project(String id) {
        return Ids.isWellFormed(id) ? projects.find(id) : Optional.empty();
    }

    /** The drafted request (in the project's category), dispatched to the project's team or routed. */
    public ServiceRequest order(ServiceRequest draft, Project project, Instant at) {
        Registry snapshot = registry.get();
        Optional<Team> team = snapshot.team(project.teamId());
        TeamLoad load = team.isEmpty() ? TeamLoad.idle(project.teamId())
                : loads.loads(List.of(project.teamId())).getOrDefault(project.teamId(), TeamLoad.idle(project.teamId()));
        OrderRule.Decision decision = OrderRule.decide(project, draft, team, load, at, ServiceCalendar.DEFAULT_ZONE);
        Outcome outcome = decision.mayOrder()
                ? orders.take(project.id(), decision.window(), project.capacity().orders(), draft.id(), at)
                        ? Outcome.ORDERED : Outcome.FULL
                : decision.refusal();
        ServiceRequest ordered = draft.orderedFrom(new MenuOrder(project.id(), outcome));
        if (outcome == Outcome.ORDERED) {
            return RequestLifecycle.dispatch(ordered, project.teamId(), TimelineEntry.SYSTEM,
                    "ordered from project " + project.id() + " (" + project.title() + "), " + decision.window(), at);
        }
        return routing.route(ordered, at);
    }
}
