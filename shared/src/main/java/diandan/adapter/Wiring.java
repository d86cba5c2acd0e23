package diandan.adapter;

import java.time.Clock;

import diandan.adapter.dynamodb.DynamoAlertRepository;
import diandan.adapter.dynamodb.DynamoClockPolicyRepository;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.dynamodb.DynamoPendingSettlements;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.dynamodb.DynamoResidentSlotRepository;
import diandan.adapter.dynamodb.DynamoTeamLoadRepository;
import diandan.app.escalation.ClockPolicies;
import diandan.app.registry.RegistryCache;
import diandan.app.registry.RegistryService;
import diandan.app.request.DispatchService;
import diandan.app.request.IntakeService;
import diandan.app.request.RequestChanges;
import diandan.app.request.ResidentLimits;
import diandan.app.request.Routing;
import diandan.app.request.TeamRouting;
import diandan.domain.SubmissionLimits;
import diandan.port.escalation.AlertRepository;
import diandan.port.registry.RegistryRepository;
import diandan.port.request.PendingSettlements;
import diandan.port.request.RequestRepository;
import diandan.port.request.TeamLoadRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the use cases on the DynamoDB adapters. One per container: handlers make it in their constructor,
 * with the collaborators tests inject. Every write of a request must go through {@link #changes}: it keeps
 * teams' loads and unrouted alerts in step with the request.
 */
public final class Wiring {
    public final DynamoDbClient client;
    public final String table;
    public final Clock clock;
    public final RequestRepository requests;
    public final RegistryRepository registryStore;
    public final RegistryCache registry;
    public final AlertRepository alerts;
    public final TeamLoadRepository loads;
    public final ClockPolicies clockPolicies;
    public final ResidentLimits limits;
    public final PendingSettlements pending;
    public final RequestChanges changes;
    public final Routing routing;
    public final IntakeService intake;
    public final DispatchService dispatch;
    public final RegistryService registryAdmin;

    public Wiring(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
        this.requests = new DynamoRequestRepository(client, table);
        this.registryStore = new DynamoRegistryRepository(client, table);
        this.registry = new RegistryCache(registryStore, clock);
        this.alerts = new DynamoAlertRepository(client, table);
        this.loads = new DynamoTeamLoadRepository(client, table);
        this.clockPolicies = new ClockPolicies(new DynamoClockPolicyRepository(client, table), clock);
        this.limits = new ResidentLimits(submissionLimits(), new DynamoResidentSlotRepository(client, table), requests);
        this.pending = new DynamoPendingSettlements(client, table);
        this.changes = new RequestChanges(requests, loads, alerts, registry, limits, pending, clock);
        this.routing = new TeamRouting(registry, loads);
        this.intake = new IntakeService(changes, requests, registry, routing, clockPolicies::current, limits, clock);
        this.dispatch = new DispatchService(changes, requests, registry, routing, loads, clock);
        this.registryAdmin = new RegistryService(registryStore, registry, loads, changes, clock);
    }

    /** {@code MAX_OPEN_REQUESTS_PER_RESIDENT} and {@code MAX_SUBMISSIONS_PER_HOUR}, else the defaults. */
    private static SubmissionLimits submissionLimits() {
        String open = Environment.get("MAX_OPEN_REQUESTS_PER_RESIDENT");
        String hourly = Environment.get("MAX_SUBMISSIONS_PER_HOUR");
        return new SubmissionLimits(
                open == null || open.isBlank() ? SubmissionLimits.DEFAULT.maxOpenPerResident() : Integer.parseInt(open.trim()),
                hourly == null || hourly.isBlank() ? SubmissionLimits.DEFAULT.maxPerHour() : Integer.parseInt(hourly.trim()));
    }

    /** The production wiring: client and table from the environment, the system clock. */
    public static Wiring fromEnvironment() {
        return new Wiring(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }
}
