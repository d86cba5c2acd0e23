package diandan.escalation;

import java.time.Clock;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoDueIndex;
import diandan.app.escalation.AlertOutbox;
import diandan.app.escalation.Sweeper;
import diandan.port.escalation.AlertPublisher;
import diandan.port.escalation.DueIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** EscalationFunction's objects: the sweeper and the alert outbox, on the request desk's {@link Wiring}. */
final class EscalationWiring {
    final Wiring desk;
    final DueIndex dueIndex;
    final Sweeper sweeper;
    final AlertOutbox outbox;

    /** @param clock the wall clock: the sweep's time budget and the watermark's bound; never taken for "now" */
    EscalationWiring(DynamoDbClient client, String table, Clock clock, AlertPublisher publisher, Sweeper.Limits limits) {
        this.desk = new Wiring(client, table, clock);
        this.dueIndex = new DynamoDueIndex(client, table);
        this.sweeper = new Sweeper(desk.requests, desk.changes, dueIndex, desk.alerts, desk.routing, limits, clock,
                desk::calendarOf);
        this.outbox = new AlertOutbox(desk.alerts, publisher, desk.changes);
    }
}
