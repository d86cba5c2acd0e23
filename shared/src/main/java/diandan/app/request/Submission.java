package diandan.app.request;

import diandan.domain.ServiceRequest;

/** The outcome of a submission: the request, and whether this call created it or replayed an earlier one. */
public record Submission(ServiceRequest request, boolean replayed) {
}
