package diandan.escalation;

import java.time.Clock;

import diandan.adapter.Wiring;
import diandan.app.escalation.AlertDesk;
import diandan.app.escalation.ClockPolicies;
import diandan.app.escalation.SlaReports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** EscalationApiFunction's objects: the desk's alerts, the SLA report and the clock policy. */
final class EscalationApiWiring {
    final AlertDesk alerts;
    final SlaReports reports;
    final ClockPolicies clockPolicies;

    EscalationApiWiring(DynamoDbClient client, String table, Clock clock) {
        Wiring desk = new Wiring(client, table, clock);
        this.alerts = new AlertDesk(desk.alerts, desk.registry, clock);
        this.reports = new SlaReports(desk.requests, desk.registry, clock);
        this.clockPolicies = desk.clockPolicies;
    }
}
