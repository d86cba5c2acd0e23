package diandan.app;

import diandan.domain.Alert;
import diandan.port.AlertPublisher;
import diandan.port.AlertRepository;

/**
 * Hands stored alerts to the publisher (the alert topic), oldest first, and takes each out of the outbox once
 * it is out. A failed publication leaves the alert waiting: the stored alert is the truth, publication follows
 * it at least once (subscribers deduplicate by the alert id). Without a topic, draining just empties the outbox.
 */
public final class AlertOutbox {
    /** Alerts published per sweep: a burst larger than this drains over the following minutes. */
    public static final int BATCH = 100;

    /** @param failure why publishing stopped early, or null */
    public record Result(int published, RuntimeException failure) {
    }

    private final AlertRepository alerts;
    private final AlertPublisher publisher;

    public AlertOutbox(AlertRepository alerts, AlertPublisher publisher) {
        this.alerts = alerts;
        this.publisher = publisher;
    }

    public Result drain() {
        int published = 0;
        for (Alert alert : alerts.awaitingPublication(BATCH)) {
            try {
                publisher.publish(alert);
            } catch (RuntimeException topicFailed) {
                // the topic is likely down for all of them: keep the rest waiting for the next sweep
                return new Result(published, topicFailed);
            }
            alerts.published(alert);
            published++;
        }
        return new Result(published, null);
    }
}
