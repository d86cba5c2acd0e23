package diandan.app.request;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import diandan.app.registry.RegistryCache;
import diandan.domain.Registry;
import diandan.domain.RequestLifecycle;
import diandan.domain.RoutingOrder;
import diandan.domain.ServiceRequest;
import diandan.domain.TeamLoad;
import diandan.domain.TimelineEntry;
import diandan.port.request.TeamLoadRepository;

/**
 * Routing as the system does it: candidate teams from the cached registry, their loads in one consistent
 * read, the choice by {@link RoutingOrder}. Reads are O(1) per request: at most one batch read of the
 * candidates' loads (none when no team could take it), never a Query or Scan. A request given back has its
 * candidates' loads read before it is ({@link #loadsLeaving}): those of every team that could take some request
 * the team giving it back could take, a superset.
 */
public final class TeamRouting implements Routing {
    private final RegistryCache registry;
    private final TeamLoadRepository loads;

    public TeamRouting(RegistryCache registry, TeamLoadRepository loads) {
        this.registry = registry;
        this.loads = loads;
    }

    @Override
    public ServiceRequest route(ServiceRequest request, Instant at) {
        return route(request, at, loadsFor(request));
    }

    @Override
    public Map<String, TeamLoad> loadsFor(ServiceRequest request) {
        List<String> candidates = RoutingOrder.candidates(request, registry.get());
        return candidates.isEmpty() ? Map.of() : loads.loads(candidates);
    }

    @Override
    public Map<String, TeamLoad> loadsFor(ServiceRequest request, Map<String, TeamLoad> readAhead) {
        List<String> missing = RoutingOrder.candidates(request, registry.get()).stream()
                .filter(team -> !readAhead.containsKey(team)).toList();
        if (missing.isEmpty()) {
            return readAhead;
        }
        Map<String, TeamLoad> all = new HashMap<>(readAhead);
        all.putAll(loads.loads(missing));
        return all;
    }

    @Override
    public Map<String, TeamLoad> loadsLeaving(String teamId) {
        Registry snapshot = registry.get();
        List<String> candidates = snapshot.team(teamId).map(team -> RoutingOrder.candidatesAfter(team, snapshot))
                .orElse(List.of());
        return candidates.isEmpty() ? Map.of() : loads.loads(candidates);
    }

    @Override
    public ServiceRequest route(ServiceRequest request, Instant at, Map<String, TeamLoad> current) {
        Registry snapshot = registry.get();
        RoutingOrder.Decision decision = RoutingOrder.decide(request, snapshot, current);
        return decision.routed()
                ? RequestLifecycle.dispatch(request, decision.teamId(), TimelineEntry.SYSTEM, decision.note(), at)
                : RequestLifecycle.unroute(request, TimelineEntry.SYSTEM, decision.note(), at);
    }
}
