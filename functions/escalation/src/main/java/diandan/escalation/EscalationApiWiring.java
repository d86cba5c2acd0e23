package diandan.escalation;

import java.time.Clock;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoDueIndex;
import diandan.adapter.dynamodb.DynamoSlaSummaryStore;
import diandan.app.calendar.ServiceCalendars;
import diandan.app.escalation.AlertDesk;
import diandan.app.escalation.ClockPolicies;
import diandan.app.escalation.DeadlinesAhead;
import diandan.app.escalation.SlaReports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * EscalationApiFunction's objects: the desk's alerts and deadlines ahead, the SLA report, the clock policy and the
 * service calendars.
 */
final class EscalationApiWiring {
    final AlertDesk alerts;
    final DeadlinesAhead deadlines;
    final SlaReports reports;
    final ClockPolicies clockPolicies;
    final ServiceCalendars calendars;

    EscalationApiWiring(DynamoDbClient client, String table, Clock clock) {
        Wiring desk = new Wiring(client, table, clock);
        this.alerts = new AlertDesk(desk.alerts, desk.registry, clock);
        this.deadlines = new DeadlinesAhead(desk.requests, new DynamoDueIndex(client, table), desk.registry, clock);
        this.reports = new SlaReports(desk.requests, new DynamoSlaSummaryStore(client, table), desk.registry,
                desk::calendarOf, clock);
        this.clockPolicies = desk.clockPolicies;
        this.calendars = desk.calendars;
    }
}
