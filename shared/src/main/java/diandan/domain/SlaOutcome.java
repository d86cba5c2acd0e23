package diandan.domain;

import java.time.Instant;

/** Whether a request kept one of its promises, as far as can be told at a moment. */
public enum SlaOutcome {
    /** Stopped in time. */
    MET,
    /** Stopped late, escalated, overdue, or given up after its deadline passed. */
    MISSED,
    /** Cannot be told yet (still running, not due), or never came due (cancelled or resolved before it). */
    NOT_DUE;

    public static SlaOutcome of(ServiceRequest request, SlaClock clock, Instant asOf) {
        Sla sla = request.sla();
        Instant deadline = sla.deadline(clock);
        if (sla.stoppedAt(clock) != null) {
            return sla.met(clock) ? MET : MISSED;
        }
        if (sla.escalated().contains(clock)) {
            return MISSED;
        }
        Instant ended = endedAt(request);
        Instant judgedAt = ended != null && ended.isBefore(asOf) ? ended : asOf;
        return deadline.isBefore(judgedAt) ? MISSED : NOT_DUE;
    }

    /**
     * Whether what this request adds to an {@link SlaSummary} is final, whenever it is judged: closed or
     * cancelled, every clock stopped or ended and no hold open; erasing its contact data later changes none of it.
     */
    public static boolean isFinal(ServiceRequest request) {
        return request.status() == RequestStatus.CLOSED || request.status() == RequestStatus.CANCELLED;
    }

    /** When this request stopped running clocks without stopping them one by one; null while it runs. */
    private static Instant endedAt(ServiceRequest request) {
        if (request.status() == RequestStatus.CANCELLED) {
            // its last change may be a later erasure of contact data: the timeline says when it was cancelled
            return request.timeline().stream().filter(e -> e.type().equals(RequestStatus.CANCELLED.code()))
                    .reduce((earlier, later) -> later).map(TimelineEntry::at).orElse(request.updatedAt());
        }
        return request.sla().resolvedAt(); // resolving ends the response and reply promises too
    }
}
