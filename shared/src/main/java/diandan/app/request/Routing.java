package diandan.app.request;

import java.time.Instant;
import java.util.Map;

import diandan.domain.ServiceRequest;
import diandan.domain.TeamLoad;

/** Sends a freshly submitted (or given back) request to a team, or leaves it for the dispatchers. */
public interface Routing {
    ServiceRequest route(ServiceRequest request, Instant at);

    /**
     * The teams' loads {@link #route} reads for this request, read now: for a caller that reads them together with
     * other things. None for a routing that weighs no loads.
     */
    default Map<String, TeamLoad> loadsFor(ServiceRequest request) {
        return Map.of();
    }

    /**
     * As {@link #loadsFor(ServiceRequest)}, from loads read ahead ({@link #loadsLeaving}): only those of the request's
     * candidates missing from them are read now.
     */
    default Map<String, TeamLoad> loadsFor(ServiceRequest request, Map<String, TeamLoad> readAhead) {
        return loadsFor(request);
    }

    /**
     * The loads of every team that could take a request that team {@code teamId} gives back, read now, before that
     * request is read: for a caller that reads them together with it. None for a routing that weighs no loads.
     */
    default Map<String, TeamLoad> loadsLeaving(String teamId) {
        return Map.of();
    }

    /** As {@link #route(ServiceRequest, Instant)}, with the loads {@link #loadsFor} read for the request. */
    default ServiceRequest route(ServiceRequest request, Instant at, Map<String, TeamLoad> loads) {
        return route(request, at);
    }
}
