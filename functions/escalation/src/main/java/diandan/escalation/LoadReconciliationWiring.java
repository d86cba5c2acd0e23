package diandan.escalation;

import java.time.Clock;

import diandan.adapter.Wiring;
import diandan.app.escalation.LoadReconciliation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** LoadReconciliationFunction's objects: the repair of teams' loads, on the request desk's stores. */
final class LoadReconciliationWiring {
    final Wiring desk;
    final LoadReconciliation reconciliation;

    /** @param clock the wall clock: the time budget, and when the repairs are recorded */
    LoadReconciliationWiring(DynamoDbClient client, String table, Clock clock) {
        this.desk = new Wiring(client, table, clock);
        this.reconciliation = new LoadReconciliation(desk.registryStore, desk.requests, desk.loads,
                LoadReconciliation.BUDGET, clock);
    }
}
