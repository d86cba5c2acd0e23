package diandan.port.request;

import java.util.Optional;
import java.util.Set;

import diandan.domain.ServiceRequest;
import diandan.port.Page;

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

    /**
     * The ids of the requests the team index lists as with this team (dispatched, accepted or in service). An
     * index copy, which may lag the requests: candidates to read again, never a decision on its own.
     */
    Set<String> listedWithTeam(String teamId);

    /**
     * The unrouted requests, longest waiting (oldest) first: copies from the queue's index, which may lag the
     * table; re-read one ({@link #find}) before deciding anything about it.
     */
    Page<ServiceRequest> waiting(int limit, String cursor);
}
