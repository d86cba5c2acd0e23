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

    /** As {@link #route(ServiceRequest, Instant)}, with the loads {@link #loadsFor} read for the request. */
    default ServiceRequest route(ServiceRequest request, Instant at, Map<String, TeamLoad> loads) {
        return route(request, at);
    }
}
