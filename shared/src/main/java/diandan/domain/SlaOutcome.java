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

    /** When this request stopped running clocks without stopping them one by one; null while it runs. */
    private static Instant endedAt(ServiceRequest request) {
        if (request.status() == RequestStatus.CANCELLED) {
            return request.updatedAt(); // a cancelled request never changes again: this is when it was cancelled
        }
        return request.sla().resolvedAt(); // resolving ends the response and reply promises too
    }
}
