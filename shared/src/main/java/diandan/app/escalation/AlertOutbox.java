package diandan.app.escalation;

import java.util.HashSet;
import java.util.Set;

import diandan.app.request.RequestChanges;
import diandan.domain.Alert;
import diandan.port.escalation.AlertPublisher;
import diandan.port.escalation.AlertRepository;

/**
 * Hands stored alerts to the publisher (the alert topic), oldest first, and takes each out of the outbox once
 * it is out. A failed publication leaves the alert waiting: the stored alert is the truth, publication follows
 * it at least once (subscribers deduplicate by the alert id). Without a topic, draining just empties the outbox.
 *
 * <p>An alert leaves the outbox only once its request's write is whole: the sweeper raises the alerts of an
 * escalation, then writes the request, then the loads of the teams it has been with. A sweep that fails between
 * those leaves the alerts here, and the next drain settles the loads ({@link RequestChanges#settleStored}) before
 * it lets them go, so that a re-routed request never stays counted against the team it left.
 */
public final class AlertOutbox {
    /** Alerts published per sweep: a burst larger than this drains over the following minutes. */
    public static final int BATCH = 100;

    /**
     * @param settled submissions whose call stopped before settling them, settled now
     * @param failure why publishing stopped early, or null
     */
    public record Result(int settled, int published, RuntimeException failure) {
    }

    private final AlertRepository alerts;
    private final AlertPublisher publisher;
    private final RequestChanges changes;

    public AlertOutbox(AlertRepository alerts, AlertPublisher publisher, RequestChanges changes) {
        this.alerts = alerts;
        this.publisher = publisher;
        this.changes = changes;
    }

    public Result drain() {
        // first the submissions a stopped call left unsettled: their unrouted alerts go out with this drain
        int interrupted = changes.settleInterrupted();
        int published = 0;
        Set<String> settled = new HashSet<>();
        for (Alert alert : alerts.awaitingPublication(BATCH)) {
            if (settled.add(alert.requestId())) {
                changes.settleStored(alert.requestId());
            }
            try {
                publisher.publish(alert);
            } catch (RuntimeException topicFailed) {
                // the topic is likely down for all of them: keep the rest waiting for the next sweep
                return new Result(interrupted, published, topicFailed);
            }
            alerts.published(alert);
            published++;
        }
        return new Result(interrupted, published, null);
    }
}
