package diandan.adapter;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import diandan.adapter.crypto.IdentityKeys;
import diandan.adapter.dynamodb.DynamoAlertRepository;
import diandan.adapter.dynamodb.DynamoCalendarRepository;
import diandan.adapter.dynamodb.DynamoClockPolicyRepository;
import diandan.adapter.dynamodb.DynamoDeliveryLedger;
import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoOutboxNotes;
import diandan.adapter.dynamodb.DynamoPendingSettlements;
import diandan.adapter.dynamodb.DynamoProjectOrders;
import diandan.adapter.dynamodb.DynamoProjectRatings;
import diandan.adapter.dynamodb.DynamoProjectRepository;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.dynamodb.DynamoResidentSlotRepository;
import diandan.adapter.dynamodb.DynamoTeamLoadRepository;
import diandan.app.calendar.ServiceCalendars;
import diandan.app.escalation.ClockPolicies;
import diandan.app.menu.MenuOrdering;
import diandan.app.menu.ProjectService;
import diandan.app.registry.RegistryCache;
import diandan.app.registry.RegistryService;
import diandan.app.request.DispatchService;
import diandan.app.request.Holds;
import diandan.app.request.IntakeService;
import diandan.app.request.RequestChanges;
import diandan.app.request.ResidentLimits;
import diandan.app.request.Routing;
import diandan.app.request.TeamRouting;
import diandan.domain.SubmissionLimits;
import diandan.domain.identity.IdentityProtection;
import diandan.domain.calendar.AreaCalendar;
import diandan.domain.calendar.ServiceCalendar;
import diandan.port.escalation.AlertRepository;
import diandan.port.menu.ProjectRatings;
import diandan.port.registry.RegistryRepository;
import diandan.port.request.PendingSettlements;
import diandan.port.request.RequestRepository;
import diandan.port.request.TeamLoadRepository;
import diandan.adapter.events.EventBridgePublisher;
import diandan.app.notify.EventOutbox;
import diandan.port.notify.DeliveryLedger;
import diandan.port.notify.EventPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The request desk on the DynamoDB adapters: the stores, the registry cache, the request changes and the request
 * use cases. IntakeFunction and AssignmentFunction are made of this alone; every other function has one wiring of
 * its own, named for it, that builds its objects on this one ({@code HoursWiring}, {@code EscalationWiring},
 * {@code EscalationApiWiring}, {@code LoadReconciliationWiring}, {@code NotifierWiring}). One per container: a
 * handler makes its wiring in the constructor that takes the client, table and clock; tests and the local stack
 * build the same. Every write of a request must go through {@link #changes}: it keeps teams' loads and unrouted
 * alerts in step with the request. (The retention job's erasure of an ended request's contact data, which nothing
 * follows, is built apart, in RetentionFunction's handler.)
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
    public final ServiceCalendars calendars;
    public final ResidentLimits limits;
    public final PendingSettlements pending;
    public final EventOutbox events;
    /** Who was told of what: the notifier writes it, a request's read shows it in the timeline. */
    public final DeliveryLedger deliveries;
    public final RequestChanges changes;
    public final Routing routing;
    public final IntakeService intake;
    public final Holds holds;
    public final DispatchService dispatch;
    public final RegistryService registryAdmin;
    /** Seals identity documents and opens them for those who see them whole; its keys are fetched on first use. */
    public final Supplier<IdentityProtection> identities;
    /** The ratings of the menu's projects, tallied as project orders are rated. */
    public final ProjectRatings projectRatings;
    /** Publishing projects and reading the menu. */
    public final ProjectService projects;

    /**
     * With the event bus {@code EVENT_BUS_NAME}, if one is set, and the submission limits from the environment;
     * without keys to identity documents.
     */
    public Wiring(DynamoDbClient client, String table, Clock clock) {
        this(client, table, clock, IdentityKeys.NONE);
    }

    /** The same, with keys to identity documents (see {@link IdentityKeys}). */
    public Wiring(DynamoDbClient client, String table, Clock clock, Supplier<IdentityProtection> identities) {
        this(client, table, clock, submissionLimits(), EventBridgePublisher.fromEnvironment(), identities);
    }

    /** @param bus where request writes are announced; null for nowhere (nothing is noted either) */
    public Wiring(DynamoDbClient client, String table, Clock clock, EventPublisher bus) {
        this(client, table, clock, submissionLimits(), bus, IdentityKeys.NONE);
    }

    public Wiring(DynamoDbClient client, String table, Clock clock, SubmissionLimits submissionLimits,
                  EventPublisher bus) {
        this(client, table, clock, submissionLimits, bus, IdentityKeys.NONE);
    }

    public Wiring(DynamoDbClient client, String table, Clock clock, SubmissionLimits submissionLimits,
                  EventPublisher bus, Supplier<IdentityProtection> identities) {
        this.client = client;
        this.table = table;
        this.clock = clock;
        this.requests = new DynamoRequestRepository(client, table);
        this.registryStore = new DynamoRegistryRepository(client, table);
        this.registry = new RegistryCache(registryStore, clock);
        this.alerts = new DynamoAlertRepository(client, table);
        this.loads = new DynamoTeamLoadRepository(client, table);
        this.clockPolicies = new ClockPolicies(new DynamoClockPolicyRepository(client, table), clock);
        this.calendars = new ServiceCalendars(new DynamoCalendarRepository(client, table), registry, clock);
        this.limits = new ResidentLimits(submissionLimits, new DynamoResidentSlotRepository(client, table), requests);
        this.pending = new DynamoPendingSettlements(client, table);
        this.deliveries = new DynamoDeliveryLedger(client, table);
        this.events = bus == null ? EventOutbox.NONE
                : new EventOutbox(new DynamoOutboxNotes(client, table), bus, requests,
                        new DynamoHoursRepository(client, table), clock);
        this.projectRatings = new DynamoProjectRatings(client, table);
        this.changes = new RequestChanges(requests, loads, alerts, registry, limits, pending, events, projectRatings,
                clock);
        this.routing = new TeamRouting(registry, loads);
        DynamoProjectRepository projectStore = new DynamoProjectRepository(client, table);
        DynamoProjectOrders projectOrders = new DynamoProjectOrders(client, table);
        this.projects = new ProjectService(projectStore, projectOrders, projectRatings, registry, clock);
        this.intake = new IntakeService(changes, requests, registry, routing, clockPolicies::current,
                this::calendarOf, limits, new MenuOrdering(projectStore, projectOrders, registry, loads, routing), clock);
        this.holds = new Holds(changes, registry, this::calendarOf, clock);
        this.dispatch = new DispatchService(changes, requests, registry, routing, loads, clock);
        this.identities = identities;
        this.registryAdmin = new RegistryService(registryStore, registry, loads, changes, identities, clock);
    }

    /** The service calendar in force for a community: its own or the nearest one above it, if any. */
    public Optional<ServiceCalendar> calendarOf(String communityId) {
        return calendars.inForce(communityId).map(AreaCalendar::calendar);
    }

    /** {@code MAX_OPEN_REQUESTS_PER_RESIDENT} and {@code MAX_SUBMISSIONS_PER_HOUR}, else the defaults. */
    private static SubmissionLimits submissionLimits() {
        String open = Environment.get("MAX_OPEN_REQUESTS_PER_RESIDENT");
        String hourly = Environment.get("MAX_SUBMISSIONS_PER_HOUR");
        return new SubmissionLimits(
                open == null || open.isBlank() ? SubmissionLimits.DEFAULT.maxOpenPerResident() : Integer.parseInt(open.trim()),
                hourly == null || hourly.isBlank() ? SubmissionLimits.DEFAULT.maxPerHour() : Integer.parseInt(hourly.trim()));
    }
}
