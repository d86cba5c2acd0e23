package diandan.app.request;

import java.time.Instant;

import diandan.domain.ServiceRequest;

/** Sends a freshly submitted (or given back) request to a team, or leaves it for the dispatchers. */
public interface Routing {
    ServiceRequest route(ServiceRequest request, Instant at);
}
