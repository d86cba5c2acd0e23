package diandan.escalation;

import java.util.Optional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import diandan.adapter.dynamodb.DynamoAlertRepository;
import diandan.adapter.dynamodb.DynamoDueIndex;
import diandan.adapter.dynamodb.DynamoPendingSettlements;
import diandan.adapter.dynamodb.DynamoProjectRatings;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.dynamodb.DynamoResidentSlotRepository;
import diandan.adapter.dynamodb.DynamoTeamLoadRepository;
import diandan.adapter.dynamodb.RequestItems;
import diandan.app.escalation.Sweeper;
import diandan.app.registry.DemoRegistry;
import diandan.app.registry.RegistryCache;
import diandan.app.request.RequestChanges;
import diandan.app.request.ResidentLimits;
import diandan.app.request.Routing;
import diandan.devkit.LocalTable;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.app.notify.EventOutbox;
import diandan.domain.AreaPath;
import diandan.domain.Channel;
import diandan.domain.Clocks;
import diandan.domain.Contact;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.SubmissionLimits;
import diandan.domain.TimelineEntry;
import diandan.port.escalation.DueIndex;
import diandan.port.request.RequestRepository;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Requests made directly (not through intake), so that tests choose their clocks and times freely. */
final class Fixtures {
    static final AreaPath XINBEI = new AreaPath("xinbei", "weiyang", "weicheng");
    static final AreaPath SANPU = new AreaPath("sanpu", "weiyang", "weicheng");
    static final AreaPath XIBEI_YIMIAN = new AreaPath("xibei-yimian", "wenhuilu", "weicheng");
    static final List<String> TEAMS = List.of("team-a", "team-b", "team-c");
    /** The wall clock of the tests: a present after every moment they simulate, so it never holds a sweep back. */
    static final java.time.Clock PRESENT = java.time.Clock.fixed(Instant.parse("2026-12-31T00:00:00Z"),
            java.time.ZoneOffset.UTC);

    private Fixtures() {
    }

    static void loadDemoRegistry(LocalTable table) {
        DemoRegistry.loadInto(table);
    }

    /** A request submitted at {@code at} and dispatched to {@code team} (null: left unrouted) at once. */
    static ServiceRequest submitted(String id, Instant at, Clocks clocks, String team, AreaPath area, String category) {
        ServiceRequest request = new ServiceRequest(id, RequestStatus.UNROUTED, category, "help with shopping",
                Channel.APP, area, new Contact("张桂兰", "13812345678", "新北社区3号楼"), null, "resident-" + id,
                "resident-" + id, null, List.of(), Sla.startingAt(at, clocks, Optional.empty()),
                List.of(new TimelineEntry(at, "submitted", "resident-" + id, "via app")), null, at, at, 1, null);
        return team == null ? RequestLifecycle.unroute(request, TimelineEntry.SYSTEM, "no team", at)
                : RequestLifecycle.dispatch(request, team, TimelineEntry.SYSTEM, "covers the community", at);
    }

    static ServiceRequest submitted(String id, Instant at, Clocks clocks, String team) {
        return submitted(id, at, clocks, team, XINBEI, "legal");
    }

    /** Routing as the tests want it: the first team of {@link #TEAMS} that has not declined, else the queue. */
    static final Routing NEXT_TEAM = (request, at) -> TEAMS.stream()
            .filter(team -> !request.declinedTeams().contains(team)).findFirst()
            .map(team -> RequestLifecycle.dispatch(request, team, TimelineEntry.SYSTEM, "next team", at))
            .orElseGet(() -> RequestLifecycle.unroute(request, TimelineEntry.SYSTEM, "no team left", at));

    /** Stores many requests as the repository would, 25 to a batch on a few threads: thousands in seconds. */
    static void createAll(LocalTable table, List<ServiceRequest> requests) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < requests.size(); i += 25) {
                List<WriteRequest> batch = requests.subList(i, Math.min(requests.size(), i + 25)).stream()
                        .map(r -> WriteRequest.builder().putRequest(p -> p.item(RequestItems.toItem(r))).build())
                        .toList();
                writes.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table.name(), batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> sending = pending;
                        pending = table.client().batchWriteItem(b -> b.requestItems(sending)).unprocessedItems();
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    /** Another table on the same engine: tests that move the watermark each get their own. */
    static LocalTable freshTable(LocalTable engineTable) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engineTable.client(), name);
        return new LocalTable(engineTable.engine(), engineTable.client(), name);
    }

    static DynamoRequestRepository requests(LocalTable table) {
        return new DynamoRequestRepository(table.client(), table.name());
    }

    static DynamoAlertRepository alerts(LocalTable table) {
        return new DynamoAlertRepository(table.client(), table.name());
    }

    /** The sweeper on this table, re-routing with {@link #NEXT_TEAM}. */
    static Sweeper sweeper(LocalTable table, Sweeper.Limits limits) {
        return sweeper(table, requests(table), new DynamoDueIndex(table.client(), table.name()), NEXT_TEAM, limits,
                PRESENT);
    }

    static Sweeper sweeper(LocalTable table, RequestRepository requests, Routing routing, Sweeper.Limits limits,
                           java.time.Clock wallClock) {
        return sweeper(table, requests, new DynamoDueIndex(table.client(), table.name()), routing, limits, wallClock);
    }

    /** The sweeper on this table with these parts; its writes go through {@link RequestChanges} as in the function. */
    static Sweeper sweeper(LocalTable table, RequestRepository requests, DueIndex due, Routing routing,
                           Sweeper.Limits limits, java.time.Clock wallClock) {
        RequestChanges changes = new RequestChanges(requests, new DynamoTeamLoadRepository(table.client(), table.name()),
                alerts(table), new RegistryCache(new DynamoRegistryRepository(table.client(), table.name()), wallClock),
                new ResidentLimits(SubmissionLimits.DEFAULT,
                        new DynamoResidentSlotRepository(table.client(), table.name()), requests),
                new DynamoPendingSettlements(table.client(), table.name()), EventOutbox.NONE,
                new DynamoProjectRatings(table.client(), table.name()), wallClock);
        return new Sweeper(requests, changes, due, alerts(table), routing, limits, wallClock,
                communityId -> Optional.empty());
    }
}
