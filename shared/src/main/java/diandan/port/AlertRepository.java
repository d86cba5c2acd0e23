package diandan.port;

import diandan.domain.Alert;

/** Alerts for dispatch centres. Raising is idempotent: an alert with an existing id is not stored again. */
public interface AlertRepository {
    /** Stores the alert; false when it was raised before (a retry or a duplicate sweep). */
    boolean raise(Alert alert);
}
