package diandan.escalation;

import static diandan.port.request.TeamLoadRepository.Counting.COUNTS;
import static diandan.port.request.TeamLoadRepository.Counting.DOES_NOT_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.RequestItems;
import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.app.escalation.LoadReconciliation;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.TimelineEntry;
import diandan.port.request.RequestRepository;

/**
 * A crash between a request's write and the record of its team's load leaves that load off by one until the
 * request is written again. The scheduled reconciliation finds such loads, team by team, and repairs them from
 * the requests themselves, without fighting the calls that change loads meanwhile.
 */
@ExtendWith(DynaliteExtension.class)
class LoadReconciliationTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    /** The reconciliation runs a while after the crashes it repairs. */
    static final Instant LATER = SUBMITTED.plus(Duration.ofMinutes(20));
    final List<String> logLines = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreLog() {
        Log.sink(System.out::println);
    }

    static Caller resident(String sub) {
        return new Caller(sub, Set.of(Role.RESIDENT), null, null, null);
    }

    /** Submitted through intake: routed to a team of the demo district, its load recorded. */
    static ServiceRequest submit(Wiring desk, String resident) {
        return desk.intake.submit(resident(resident), new NewRequest("elderly_care", "每周代购生活用品", "xinbei",
                "新北社区3号楼", "张桂兰", "13812345678", "mini_program", null, null), null).request();
    }

    /** Every team's open count as the requests themselves say, from a scan of the table. */
    static Map<String, Integer> truth(LocalTable table) {
        Map<String, Integer> open = new HashMap<>();
        table.client().scanPaginator(b -> b.tableName(table.name())).items().stream()
                .filter(item -> item.get("pk").s().startsWith("REQ#"))
                .map(RequestItems::fromItem)
                .forEach(r -> r.loadTeam().ifPresent(team -> open.merge(team, 1, Integer::sum)));
        return open;
    }

    static void assertLoadsTrue(LocalTable table, Wiring desk) {
        Map<String, Integer> truth = truth(table);
        for (Team team : desk.registryStore.contents().teams()) {
            assertEquals(truth.getOrDefault(team.id(), 0), desk.loads.load(team.id()).openCount(),
                    "open count of " + team.id());
        }
    }

    static LocalTable demoTable(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        return table;
    }

    @Test
    void oneRunRepairsALoadOneTooHighAndOneOneTooLowAndSaysSo(LocalTable engine) throws Exception {
        LocalTable table = demoTable(engine);
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(SUBMITTED));
        ServiceRequest servedThenCrashed = submit(desk, "resident-1");
        String high = servedThenCrashed.teamId();
        // the team resolves it, and the call dies after the request's write, before the load's record
        ServiceRequest accepted = RequestLifecycle.accept(servedThenCrashed, "leader", SUBMITTED.plusSeconds(60));
        desk.requests.replace(servedThenCrashed, accepted);
        desk.requests.replace(accepted, RequestLifecycle.resolve(accepted, "leader", "done", SUBMITTED.plusSeconds(600)));
        // a submission that dies after storing the request, before recording the load of the team it was routed to
        ServiceRequest routed = submit(desk, "resident-2");
        ServiceRequest crashed = RequestLifecycle.dispatch(new ServiceRequest("crashed-1", RequestStatus.UNROUTED,
                routed.category(), routed.description(), routed.channel(), routed.area(), routed.contact(), null,
                "resident-3", "resident-3", null, List.of(), routed.sla(), List.of(new TimelineEntry(SUBMITTED,
                "submitted", "resident-3", null)), null, SUBMITTED, SUBMITTED, 1, null), otherTeam(desk, high),
                TimelineEntry.SYSTEM, "covers the community", SUBMITTED);
        desk.requests.create(crashed);
        String low = crashed.teamId();
        Map<String, Integer> truth = truth(table);
        assertEquals(truth.getOrDefault(high, 0) + 1, desk.loads.load(high).openCount(), "one too high");
        assertEquals(truth.getOrDefault(low, 0) - 1, desk.loads.load(low).openCount(), "one too low");

        Log.sink(logLines::add);
        LoadReconciliationHandler handler = new LoadReconciliationHandler(table.client(), table.name(),
                new MutableClock(LATER));
        Map<String, Object> result = handler.handleRequest(ApiEvents.schedule("reconcile-loads-tick.json"), null);

        assertLoadsTrue(table, desk);
        int teams = desk.registryStore.contents().teams().size();
        assertEquals(Map.of("teams", teams, "teamsChecked", teams, "teamsRepaired", 2, "countedAdded", 1,
                "countedRemoved", 1, "totalDelta", 2, "complete", true), result);
        JsonNode line = Json.read(logLines.get(logLines.size() - 1));
        assertEquals("team loads reconciled", line.path("message").asText());
        assertEquals(teams, line.path("teamsChecked").asInt());
        assertEquals(2, line.path("teamsRepaired").asInt());
        assertEquals(2, line.path("totalDelta").asInt());
        assertEquals("5d8c7c4e-1f0a-4b7e-9c1e-000000000010", line.path("requestId").asText());

        Map<String, Object> again = handler.handleRequest(ApiEvents.schedule("reconcile-loads-tick.json"), null);
        assertEquals(0, again.get("teamsRepaired"), "repaired once: nothing left to repair");
    }

    @Test
    void recordsLeftBesideWritesThatDidNotLandAreRepairedByTheNextRun(LocalTable engine) {
        LocalTable table = demoTable(engine);
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(SUBMITTED));
        // an accept and a decline of one version race; the accept wins, and the decline's call stops after the
        // records it made beside its write: its team no longer counts the request, the team it routed to does
        ServiceRequest raced = submit(desk, "resident-1");
        String team = raced.teamId();
        String routedTo = otherTeam(desk, team);
        ServiceRequest won = desk.dispatch.accept(new Caller("leader", Set.of(Role.TEAM_LEADER), team, null, null),
                raced.id(), null);
        desk.loads.record(team, raced.id(), won.version(), DOES_NOT_COUNT, null, SUBMITTED);
        desk.loads.record(routedTo, raced.id(), won.version(), COUNTS, SUBMITTED, SUBMITTED);
        // a resolve whose write never landed, its call stopped after its record: a version the request never reached
        ServiceRequest toResolve = submit(desk, "resident-2");
        ServiceRequest neverResolved = desk.dispatch.accept(new Caller("leader", Set.of(Role.TEAM_LEADER),
                toResolve.teamId(), null, null), toResolve.id(), null);
        desk.loads.record(neverResolved.teamId(), neverResolved.id(), neverResolved.version() + 1, DOES_NOT_COUNT,
                null, SUBMITTED);
        Map<String, Integer> truth = truth(table);
        assertEquals(truth.getOrDefault(routedTo, 0) + 1, desk.loads.load(routedTo).openCount(), "one too high");

        LoadReconciliation.Result result = new LoadReconciliation(desk.registryStore, desk.requests, desk.loads,
                LoadReconciliation.BUDGET, new MutableClock(LATER)).run();

        assertLoadsTrue(table, desk);
        assertEquals(List.of(2, 1), List.of(result.countedAdded(), result.countedRemoved()));
        assertEquals(neverResolved.version(), desk.loads.entries(neverResolved.teamId()).get(neverResolved.id()),
                "the record of the version never reached is revoked: the stored version counts");
    }

    @Test
    void loadsThatAreRightCostNoWriteAtAll(LocalTable engine) {
        LocalTable table = demoTable(engine);
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(SUBMITTED));
        for (int i = 0; i < 12; i++) {
            ServiceRequest request = submit(desk, "resident-" + i);
            if (i % 3 == 0 && request.teamId() != null) {
                desk.dispatch.accept(new Caller("leader", Set.of(Role.TEAM_LEADER), request.teamId(), null, null),
                        request.id(), null);
            }
        }
        StoreProbe counting = StoreProbe.on(table).build();
        Wiring counted = new Wiring(counting.client(), table.name(), new MutableClock(LATER));
        List<String> requestsRead = new ArrayList<>();
        LoadReconciliation reconciliation = new LoadReconciliation(counted.registryStore,
                ForwardingRequests.afterFind(counted.requests, requestsRead::add), counted.loads,
                LoadReconciliation.BUDGET, counted.clock);

        LoadReconciliation.Result result = reconciliation.run();
        StoreProbe.Reading cost = counting.reading();

        int teams = desk.registryStore.contents().teams().size();
        assertEquals(teams, result.teamsChecked());
        assertEquals(0, result.teamsRepaired());
        assertEquals(0, cost.itemWrites(), "nothing to repair: nothing written");
        assertEquals(1 + teams, cost.calls("Query"), "the registry, then one Query per team");
        assertEquals(List.of(), requestsRead, "the index and the loads agree: no request read again");
        assertTrue(cost.itemsGot() <= teams, "at most each team's load item: " + cost.itemsGot());
        System.out.printf("load reconciliation: %d teams, %d queries, %d items read, %d writes%n", teams,
                cost.calls("Query"), cost.totalItemsReturned(), cost.itemWrites());
        assertLoadsTrue(table, desk);
    }

    @Test
    void aChangeRacingTheRepairWinsAndTheLoadEndsRight(LocalTable engine) {
        LocalTable table = demoTable(engine);
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(SUBMITTED));
        ServiceRequest routed = submit(desk, "resident-1");
        ServiceRequest crashed = RequestLifecycle.dispatch(new ServiceRequest("crashed-2", RequestStatus.UNROUTED,
                routed.category(), routed.description(), routed.channel(), routed.area(), routed.contact(), null,
                "resident-2", "resident-2", null, List.of(), routed.sla(), List.of(new TimelineEntry(SUBMITTED,
                "submitted", "resident-2", null)), null, SUBMITTED, SUBMITTED, 1, null), routed.teamId(),
                TimelineEntry.SYSTEM, "covers the community", SUBMITTED);
        desk.requests.create(crashed); // its team's load never heard of it: one too low
        String team = crashed.teamId();

        // the resident cancels it just after the reconciliation read it (still with the team, so counted)
        Wiring live = new Wiring(table.client(), table.name(), new MutableClock(LATER));
        List<String> cancelled = new ArrayList<>();
        RequestRepository racing = ForwardingRequests.afterFind(desk.requests, id -> {
            if (id.equals("crashed-2") && cancelled.isEmpty()) {
                cancelled.add(live.intake.cancel(resident("resident-2"), id, null, "no longer needed").id());
            }
        });
        LoadReconciliation reconciliation = new LoadReconciliation(desk.registryStore, racing, desk.loads,
                LoadReconciliation.BUDGET, new MutableClock(LATER));

        LoadReconciliation.Result result = reconciliation.run();

        assertEquals(List.of("crashed-2"), cancelled, "the race happened");
        assertEquals(RequestStatus.CANCELLED, desk.requests.find("crashed-2").orElseThrow().status());
        assertEquals(0, result.teamsRepaired(), "the repair of the older version was refused by the newer record");
        assertLoadsTrue(table, desk);
        assertEquals(truth(table).getOrDefault(team, 0), desk.loads.load(team).openCount());
    }

    @Test
    void theScheduleRunsItEveryTenMinutes() {
        assertTrue(diandan.devkit.Template.load().schedules().stream().anyMatch(s ->
                s.functionId().equals("LoadReconciliationFunction") && s.expression().equals("rate(10 minutes)")));
    }

    private static String otherTeam(Wiring desk, String not) {
        return desk.registryStore.contents().teams().stream().map(Team::id).filter(id -> !id.equals(not))
                .findFirst().orElseThrow();
    }
}
