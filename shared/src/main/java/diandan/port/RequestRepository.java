package diandan.port;

import java.util.Optional;

import diandan.domain.ServiceRequest;

/** Where requests live. Every change is one conditional single-item write. */
public interface RequestRepository {
    /** Stores a new request; false when one with its id exists already (an idempotent retry). */
    boolean create(ServiceRequest request);

    Optional<ServiceRequest> find(String id);

    /**
     * Replaces {@code previous} by {@code next} if the stored item still has previous's version and status.
     *
     * @throws ConcurrentChangeException when it does not
     */
    void replace(ServiceRequest previous, ServiceRequest next);

    Page<ServiceRequest> list(RequestQuery query);
}
