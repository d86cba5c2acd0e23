package diandan.app.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import diandan.app.Together;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.RequestLifecycle;
import diandan.domain.RoutingOrder;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.Validation;
import diandan.port.Page;
import diandan.port.request.RequestRepository;
import diandan.port.request.TeamLoadRepository;

/**
 * The team's side of a request (派单, 接单): dispatch by hand, accept, decline, reply, start, resolve, claim a
 * wish; and a team's queue. Who may do each is {@link Access}'s; which change is allowed when is
 * {@link RequestLifecycle}'s; every write goes through {@link RequestChanges}.
 */
public final class DispatchService {
    private final RequestChanges changes;
    private final RequestRepository requests;
    private final RegistryCache registry;
    private final Routing routing;
    private final TeamLoadRepository loads;
    private final Clock clock;

    public DispatchService(RequestChanges changes, RequestRepository requests, RegistryCache registry, Routing routing,
                           TeamLoadRepository loads, Clock clock) {
        this.changes = changes;
        this.requests = requests;
        this.registry = registry;
        this.routing = routing;
        this.loads = loads;
        this.clock = clock;
    }

    /**
     * Dispatchers of the request's area and admins send it to any active team. A team at or over capacity
     * (open ≥ capacity) takes it only with a reason, recorded in the timeline with the load; within capacity
     * the reason is optional.
     */
    public ServiceRequest dispatch(Caller caller, String id, Long ifMatch, String teamIdText, String reasonText) {
        Together.Three<Registry, TeamLoad, Optional<ServiceRequest>> read = readForTeam(teamIdText, id);
        Validation v = new Validation();
        Team team = activeTeam(v, teamIdText);
        String reason = v.optionalMultiLineText("reason", reasonText, IntakeService.MAX_REASON);
        v.throwIfAny();
        ServiceRequest current = read.third().orElseThrow(() -> Problem.notFound("request " + id));
        TeamLoad load = read.second();
        boolean full = !load.isBelow(team.capacity());
        return changes.change(current, ifMatch, request -> Access.requireDispatch(caller, request, team, registry.get()), request -> {
            if (full && reason == null) {
                throw Problem.invalid("reason", "is required to dispatch to a team at capacity ("
                        + load.of(team.capacity()) + ")");
            }
            String note = (full ? "over capacity " + load.of(team.capacity()) + ", " : "") + "by hand"
                    + (reason == null ? "" : ": " + reason);
            return RequestLifecycle.dispatch(request, team.id(), caller.sub(), note, clock.instant());
        });
    }

    public ServiceRequest accept(Caller caller, String id, Long ifMatch) {
        return changes.change(id, ifMatch, request -> Access.requireTeamLeader(caller, request, registry.get()),
                request -> RequestLifecycle.accept(request, caller.sub(), clock.instant()));
    }

    /** The team gives the request back; it is routed again at once, without every team that has had it. */
    public ServiceRequest decline(Caller caller, String id, Long ifMatch, String reasonText) {
        Validation v = new Validation();
        String reason = v.requiredMultiLineText("reason", reasonText, IntakeService.MAX_REASON);
        v.throwIfAny();
        // the request and, read ahead, the loads of the teams that could take a request the caller's team gives back
        Together.Both<ServiceRequest, Map<String, TeamLoad>> read = Together.get(() -> changes.load(id),
                () -> caller.leads(caller.teamId()) ? routing.loadsLeaving(caller.teamId()) : Map.of());
        return changes.change(read.first(), ifMatch, request -> Access.requireTeamLeader(caller, request, registry.get()),
                request -> {
                    Instant now = clock.instant();
                    ServiceRequest declined = RequestLifecycle.decline(request, caller.sub(), reason, now);
                    return routing.route(declined, now, routing.loadsFor(declined, read.second()));
                });
    }

    public ServiceRequest reply(Caller caller, String id, Long ifMatch, String messageText, String plannedAtText) {
        Validation v = new Validation();
        String message = v.requiredMultiLineText("message", messageText, IntakeService.MAX_DESCRIPTION);
        Instant now = clock.instant();
        Instant plannedAt = v.optionalInstant("plannedAt", plannedAtText);
        if (plannedAt != null && plannedAt.isBefore(now.minusSeconds(3600))) {
            v.fail("plannedAt", "must not lie in the past");
        }
        v.throwIfAny();
        return changes.change(id, ifMatch, request -> Access.requireTeamLeader(caller, request, registry.get()),
                request -> RequestLifecycle.reply(request, caller.sub(), message, plannedAt, clock.instant()));
    }

    public ServiceRequest start(Caller caller, String id, Long ifMatch) {
        return changes.change(id, ifMatch, request -> Access.requireTeamLeader(caller, request, registry.get()),
                request -> RequestLifecycle.start(request, caller.sub(), clock.instant()));
    }

    public ServiceRequest resolve(Caller caller, String id, Long ifMatch, String summaryText) {
        Validation v = new Validation();
        String summary = v.requiredMultiLineText("summary", summaryText, IntakeService.MAX_DESCRIPTION);
        v.throwIfAny();
        return changes.change(id, ifMatch, request -> Access.requireTeamLeader(caller, request, registry.get()),
                request -> RequestLifecycle.resolve(request, caller.sub(), summary, clock.instant()));
    }

    /**
     * A team leader claims a wish for their team, which must be one routing could send it to
     * ({@link RoutingOrder#eligibility}): serving its category in its community, active, below capacity. The first
     * claim wins (a conditional write), every later one is a 409. The wish is then dispatched to the team, which
     * accepts it like any other request: until then the resident's contact stays masked.
     */
    public ServiceRequest claim(Caller caller, String id, Long ifMatch, String teamIdText) {
        Together.Three<Registry, TeamLoad, Optional<ServiceRequest>> read = readForTeam(teamIdText, id);
        Validation v = new Validation();
        Team team = activeTeam(v, teamIdText);
        v.throwIfAny();
        ServiceRequest current = read.third().orElseThrow(() -> Problem.notFound("request " + id));
        TeamLoad load = read.second();
        return changes.change(current, ifMatch, request -> Access.requireClaim(caller, request, team.id()), request -> {
            ServiceRequest claimed = RequestLifecycle.claim(request, team.id(), caller.sub(),
                    "claimed from the wish wall, load " + load.of(team.capacity()), clock.instant());
            switch (RoutingOrder.eligibility(team, request, load)) {
                case ELIGIBLE -> { }
                case NOT_SERVING -> throw Problem.forbidden("team " + team.id() + " does not serve "
                        + request.category() + " in " + request.area().communityId()
                        + ": only a team that serves the wish's category in its community may claim it");
                case PAUSED -> throw Problem.invalid("teamId", "team " + team.id() + " is paused");
                case HAD_IT -> throw Problem.conflict("team " + team.id() + " has had this wish before");
                case FULL -> throw Problem.conflict("team " + team.id() + " is at capacity ("
                        + load.of(team.capacity()) + ")");
            }
            return claimed;
        });
    }

    /** A team's requests, newest first, optionally of one status: for its leader, its areas' dispatchers, admins. */
    public Page<ServiceRequest> queue(Caller caller, String teamId, String status, String limit, String cursor) {
        Registry snapshot = registry.get();
        Team team = Optional.ofNullable(teamId).filter(Ids::isWellFormed).flatMap(snapshot::team)
                .orElseThrow(() -> Problem.notFound("team " + teamId));
        Access.requireTeamQueue(caller, team, snapshot);
        ListFilter filter = new ListFilter(status, null, null, team.id(), null, null, null, limit, cursor);
        return requests.list(filter.toQuery(caller, snapshot));
    }

    /**
     * The registry (loaded on a container's first event), the load of the team {@code teamIdText} names and request
     * {@code id}, read together; the team is judged after, on the registry read ({@link #activeTeam}), so that a
     * team that does not exist has a load read for nothing and the input is refused as before.
     */
    private Together.Three<Registry, TeamLoad, Optional<ServiceRequest>> readForTeam(String teamIdText, String id) {
        String named = teamIdText == null ? null : teamIdText.strip();
        return Together.get(registry::get, () -> Ids.isWellFormed(named) ? loads.load(named) : null,
                () -> changes.find(id));
    }

    private Team activeTeam(Validation v, String teamIdText) {
        String teamId = v.requiredText("teamId", teamIdText, 64);
        if (teamId == null) {
            return null;
        }
        Team team = registry.get().team(teamId).orElse(null);
        if (team == null) {
            v.fail("teamId", "no team '" + teamId + "'");
        } else if (!team.active()) {
            v.fail("teamId", "team " + teamId + " is paused");
        }
        return team;
    }
}
