package diandan.port.escalation;

import diandan.domain.Alert;

/** Sends an alert out of the system (an SNS topic). The stored alert stays the truth whatever happens here. */
public interface AlertPublisher {
    /** Where alerts go when no topic is configured: nowhere, and that counts as done. */
    AlertPublisher NONE = alert -> { };

    /** Publishes the alert or throws: the caller keeps it in the outbox and retries later. */
    void publish(Alert alert);
}
