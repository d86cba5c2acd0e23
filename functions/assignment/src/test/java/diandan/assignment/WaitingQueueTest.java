package diandan.assignment;

import static diandan.assignment.Desk.ADMIN;
import static diandan.devkit.ApiEvents.leader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.app.registry.TeamForm;
import diandan.app.registry.TeamState;
import diandan.app.request.RequestChanges;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Caller;
import diandan.domain.Clocks;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.TimelineEntry;
import diandan.port.Page;
import diandan.port.request.RequestRepository;

/**
 * The waiting queue drains as soon as a team has room: a place freed (resolve, decline, cancel, dispatch away),
 * a capacity raised or a team resumed routes the longest-waiting unrouted requests the team may take to it in
 * the same call, exactly once under concurrency, never beyond capacity. Each test works on a category of its
 * own that only its own teams serve, so that the demo district's teams cannot take its requests.
 */
@ExtendWith(DynaliteExtension.class)
class WaitingQueueTest {
    static Desk desk;
    static ExecutorService pool;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdown();
    }

    @Test
    void aFreedPlaceGoesAtOnceToTheLongestWaitingRequestTheTeamMayTake() {
        category("queue_fill");
        String team = team("queue-fill", "queue_fill", "xinbei", 2, true);
        ServiceRequest first = submit("queue_fill", "xinbei");
        ServiceRequest second = submit("queue_fill", "xinbei");
        assertEquals(List.of(team, team), List.of(first.teamId(), second.teamId()));
        ServiceRequest elsewhere = submit("queue_fill", "sanpu"); // no team of the category covers sanpu
        ServiceRequest oldest = submit("queue_fill", "xinbei");
        ServiceRequest younger = submit("queue_fill", "xinbei");
        ServiceRequest youngest = submit("queue_fill", "xinbei");
        for (ServiceRequest waiting : List.of(elsewhere, oldest, younger, youngest)) {
            assertEquals(RequestStatus.UNROUTED, waiting.status());
        }

        // the team gives the second back: it waits again, for another team, and the place goes to the oldest
        desk.clock.advance(Duration.ofMinutes(1));
        desk.wiring.dispatch.decline(leaderOf(team), second.id(), null, "今天人手不够");
        assertEquals(RequestStatus.UNROUTED, desk.find(second.id()).status(), "no other team serves it");
        assertRoutedFromQueue(oldest.id(), team);
        assertEquals(RequestStatus.UNROUTED, desk.find(elsewhere.id()).status(), "not in the team's area");
        assertEquals(RequestStatus.UNROUTED, desk.find(younger.id()).status(), "one place, one request");

        // a resolve frees the next place: the next in line, not the one the team declined, nor the one elsewhere
        desk.clock.advance(Duration.ofMinutes(1));
        desk.wiring.dispatch.accept(leaderOf(team), first.id(), null);
        desk.wiring.dispatch.resolve(leaderOf(team), first.id(), null, "已完成");
        assertRoutedFromQueue(younger.id(), team);
        assertEquals(RequestStatus.UNROUTED, desk.find(second.id()).status(), "the team had it before");
        assertEquals(RequestStatus.UNROUTED, desk.find(youngest.id()).status());

        // a dispatcher sending one away frees its place too; so does a cancellation
        desk.clock.advance(Duration.ofMinutes(1));
        ServiceRequest newest = submit("queue_fill", "xinbei");
        desk.wiring.dispatch.dispatch(Desk.caller(ADMIN), oldest.id(), null, "weicheng-falv", "换一个队试试");
        assertRoutedFromQueue(youngest.id(), team);
        desk.wiring.intake.cancel(Desk.caller(ADMIN), younger.id(), null, "居民已自行解决");
        assertRoutedFromQueue(newest.id(), team);
        assertExactLoad(team, List.of(first, second, elsewhere, oldest, younger, youngest, newest));
    }

    @Test
    void aRaisedCapacityAndAResumedTeamTakeWaitingRequests() {
        category("queue_raise");
        String team = team("queue-raise", "queue_raise", "sanpu", 1, true);
        ServiceRequest served = submit("queue_raise", "sanpu");
        List<ServiceRequest> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(submit("queue_raise", "sanpu"));
        }
        assertEquals(team, served.teamId());

        TeamState raised = update(team, 3, true);
        assertEquals(3, raised.load().openCount(), "the answer shows the places filled");
        assertRoutedFromQueue(waiting.get(0).id(), team);
        assertRoutedFromQueue(waiting.get(1).id(), team);
        assertEquals(RequestStatus.UNROUTED, desk.find(waiting.get(2).id()).status());
        assertTrue(last(desk.find(waiting.get(0).id())).note().contains("capacity was raised to 3"));

        // paused, it takes nothing even when a place frees; resumed, it takes the next in line at once
        update(team, 3, false);
        desk.wiring.dispatch.accept(leaderOf(team), served.id(), null);
        desk.wiring.dispatch.resolve(leaderOf(team), served.id(), null, "已完成");
        assertEquals(RequestStatus.UNROUTED, desk.find(waiting.get(2).id()).status(), "a paused team takes nothing");
        assertEquals(2, desk.wiring.loads.load(team).openCount());
        update(team, 3, true);
        assertRoutedFromQueue(waiting.get(2).id(), team);
        assertTrue(last(desk.find(waiting.get(2).id())).note().contains("the team was resumed"));
        assertEquals(RequestStatus.UNROUTED, desk.find(waiting.get(3).id()).status(), "the team is full again");
        List<ServiceRequest> all = new ArrayList<>(waiting);
        all.add(served);
        assertExactLoad(team, all);
    }

    @Test
    void placesFreedInParallelAreFilledOnceEachAndNeverBeyondCapacity() throws Exception {
        for (int round = 0; round < 3; round++) {
            String category = "queue_race_" + round;
            category(category);
            // two teams of the same community serve the category, each full with 3 accepted requests
            String one = team("queue-race-a" + round, category, "xinbei", 3, true);
            String two = team("queue-race-b" + round, category, "xinbei", 3, true);
            List<ServiceRequest> served = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ServiceRequest request = submit(category, "xinbei");
                served.add(desk.wiring.dispatch.accept(leaderOf(request.teamId()), request.id(), null));
            }
            List<ServiceRequest> waiting = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                waiting.add(submit(category, "xinbei"));
            }
            assertTrue(waiting.stream().allMatch(r -> r.status() == RequestStatus.UNROUTED));

            // every served request resolved at the same moment: six places freed at once, three per team
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ServiceRequest>> resolves = new ArrayList<>();
            for (ServiceRequest request : served) {
                resolves.add(pool.submit(() -> {
                    start.await();
                    return desk.wiring.dispatch.resolve(leaderOf(request.teamId()), request.id(), null, "已完成");
                }));
            }
            start.countDown();
            for (Future<ServiceRequest> resolve : resolves) {
                resolve.get();
            }

            Map<String, Integer> perTeam = new HashMap<>();
            for (int i = 0; i < waiting.size(); i++) {
                ServiceRequest stored = desk.find(waiting.get(i).id());
                long dispatches = stored.timeline().stream().filter(e -> e.type().equals("dispatched")).count();
                if (i < 6) {
                    // the six longest waiting are routed, each exactly once
                    assertEquals(RequestStatus.DISPATCHED, stored.status(), "round " + round + ", waiting " + i);
                    assertEquals(1, dispatches, "round " + round + ": " + stored.timeline());
                    perTeam.merge(stored.teamId(), 1, Integer::sum);
                } else {
                    assertEquals(RequestStatus.UNROUTED, stored.status(), "round " + round + ", waiting " + i);
                    assertEquals(0, dispatches);
                }
            }
            assertEquals(Map.of(one, 3, two, 3), perTeam, "round " + round + ": each team back to its capacity");
            List<ServiceRequest> all = new ArrayList<>(served);
            all.addAll(waiting);
            assertExactLoad(one, all);
            assertExactLoad(two, all);
        }
    }

    @Test
    void aStaleCopyInTheQueueIndexCostsOnlyALookAtTheNextCandidate() {
        category("queue_stale");
        String team = team("queue-stale", "queue_stale", "xinbei", 1, true);
        ServiceRequest served = submit("queue_stale", "xinbei");
        ServiceRequest gone = submit("queue_stale", "xinbei");
        ServiceRequest next = submit("queue_stale", "xinbei");
        // the index as it may lag on AWS: "gone" still waiting there, though a dispatcher has sent it elsewhere
        List<ServiceRequest> staleQueue = List.of(desk.find(gone.id()), desk.find(next.id()));
        ServiceRequest sentAway = desk.wiring.dispatch.dispatch(Desk.caller(ADMIN), gone.id(), null, "weicheng-falv",
                "法律问题转法律服务队");
        RequestRepository lagging = (RequestRepository) Proxy.newProxyInstance(RequestRepository.class.getClassLoader(),
                new Class<?>[] {RequestRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("waiting")) {
                        return new Page<>(staleQueue, null);
                    }
                    try {
                        return method.invoke(desk.wiring.requests, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RequestChanges changes = new RequestChanges(lagging, desk.wiring.loads, desk.wiring.alerts,
                desk.wiring.registry, desk.wiring.limits, desk.wiring.pending, desk.wiring.events,
                desk.wiring.projectRatings, desk.clock);
        desk.wiring.dispatch.accept(leaderOf(team), served.id(), null);
        changes.change(served.id(), null, request -> { }, request -> RequestLifecycle.resolve(request, "leader-of-"
                + team, "已完成", desk.clock.instant()));

        assertEquals(sentAway, desk.find(gone.id()), "the stale copy changed nothing");
        assertRoutedFromQueue(next.id(), team);
        assertExactLoad(team, List.of(served, gone, next));
    }

    /** Routed to the team from the queue, with a timeline entry saying so, as the table holds it now. */
    static void assertRoutedFromQueue(String id, String team) {
        ServiceRequest stored = desk.find(id);
        assertEquals(RequestStatus.DISPATCHED, stored.status(), stored.timeline().toString());
        assertEquals(team, stored.teamId());
        TimelineEntry routed = last(stored);
        assertEquals("dispatched", routed.type());
        assertEquals(TimelineEntry.SYSTEM, routed.actor());
        assertTrue(routed.note().startsWith("team " + team + ": routed from the waiting queue"), routed.note());
    }

    /** The team's load counts exactly those of the requests that are with it now. */
    static void assertExactLoad(String team, List<ServiceRequest> requests) {
        long withTeam = requests.stream().map(r -> desk.find(r.id()))
                .filter(r -> team.equals(r.loadTeam().orElse(null))).count();
        assertEquals(withTeam, desk.wiring.loads.load(team).openCount(), "load of " + team);
    }

    static TimelineEntry last(ServiceRequest request) {
        return request.timeline().get(request.timeline().size() - 1);
    }

    static Caller leaderOf(String team) {
        return Desk.caller(leader("leader-of-" + team, team));
    }

    static void category(String code) {
        desk.wiring.registryAdmin.putCategory(Desk.caller(ADMIN), code, "排队测试" + code.length(),
                new Clocks.Form(15, 30, 1440, null, null, null, null));
    }

    static String team(String name, String category, String area, int capacity, boolean active) {
        TeamState created = desk.wiring.registryAdmin.createTeam(Desk.caller(ADMIN),
                new TeamForm(name, List.of(category), List.of(area), capacity, List.of(), List.of(), active));
        assertEquals(0, created.load().openCount());
        return created.team().id();
    }

    static TeamState update(String teamId, int capacity, boolean active) {
        TeamState current = desk.wiring.registryAdmin.team(Desk.caller(Desk.ADMIN), teamId);
        return desk.wiring.registryAdmin.updateTeam(Desk.caller(ADMIN), teamId, null, new TeamForm(current.team().name(),
                current.team().categories(), current.team().areaIds(), capacity, List.of(), List.of(), active));
    }

    /** A resident's request a second after the one before: the queue's order is the order of submission. */
    static ServiceRequest submit(String category, String community) {
        desk.clock.advance(Duration.ofSeconds(1));
        return desk.submit("resident-queue-" + desk.clock.instant().toEpochMilli(), category, community);
    }
}
