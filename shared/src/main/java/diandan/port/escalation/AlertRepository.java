package diandan.port.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import diandan.domain.Alert;
import diandan.port.Page;

/**
 * Alerts for dispatch centres. Raising is idempotent: an alert with an existing id is not stored again.
 * Every alert raised also waits in an outbox until it has been handed to the publisher (SNS), so that a failed
 * publication is retried and alerts raised by any function get published by the one that can.
 */
public interface AlertRepository {
    /** Stores the alert; false when it was raised before (a retry or a duplicate sweep). */
    boolean raise(Alert alert);

    Optional<Alert> find(String id);

    /** Alerts within one area (the area and everything below it), newest first. */
    Page<Alert> list(AlertQuery query);

    /** Marks the alert acknowledged by {@code by}; acknowledging again keeps the first acknowledgement. */
    Alert acknowledge(Alert alert, String by, Instant at);

    /** Alerts not yet published, oldest first. */
    List<Alert> awaitingPublication(int limit);

    /** Takes the alert out of the outbox. */
    void published(Alert alert);
}
