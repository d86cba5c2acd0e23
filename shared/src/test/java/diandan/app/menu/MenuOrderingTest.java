package diandan.app.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.app.registry.DemoRegistry;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.menu.MenuOrder;
import diandan.domain.menu.MenuOrder.Outcome;
import diandan.domain.menu.Project;

/**
 * Ordering from the menu on the demo district: the project's street team (weiyang-weixiu, home repairs in street
 * weiyang) receives orders that routing alone would give the nearer community team of xinbei (xinbei-tielulan),
 * until its week is full, it is paused, or the resident lives outside its areas; then the order is routed as any
 * request, and says why. Tuesday 2026-12-01 10:00 Beijing; the project is offered on Saturdays.
 */
@ExtendWith(DynaliteExtension.class)
class MenuOrderingTest {
    static final Instant TUESDAY = Instant.parse("2026-12-01T02:00:00Z");
    static final Caller ADMIN = Claims.caller(ApiEvents.admin("admin-weicheng", "weicheng"));
    static final Caller LEADER = Claims.caller(ApiEvents.leader("leader-weiyang-weixiu", "weiyang-weixiu"));

    final MutableClock clock = new MutableClock(TUESDAY);
    final Wiring desk;

    MenuOrderingTest(LocalTable table) {
        DemoRegistry.loadInto(table);
        desk = new Wiring(table.client(), table.name(), clock);
    }

    static ProjectForm repairs(int perWeek, Boolean active) {
        return project("weiyang-weixiu", "home_repair", "weiyang", perWeek, active);
    }

    /** Each test works with teams of its own: the table, and so the teams' loads, are the class's. */
    static ProjectForm project(String team, String category, String area, int perWeek, Boolean active) {
        return new ProjectForm(team, "周六上门服务", category, "上门服务", List.of(area),
                Map.of("saturday", List.of("09:00-12:00")), null, perWeek, "week", active);
    }

    static Caller leaderOf(String team) {
        return Claims.caller(ApiEvents.leader("leader-" + team, team));
    }

    Project publish(Caller caller, ProjectForm form) {
        return desk.projects.create(caller, form, null).value().project();
    }

    ServiceRequest order(String resident, String community, String projectId) {
        return desk.intake.submit(Claims.caller(ApiEvents.resident(resident)), new NewRequest(null, "水龙头漏水",
                community, "3号楼2单元", "张桂兰", "13812345678", "mini_program", null, null, projectId), null).request();
    }

    @Test
    void ordersGoToTheProjectsTeamUntilItsWeekIsFullThenToRoutingAndAgainNextWeek() {
        Project project = publish(LEADER, repairs(2, null));
        for (int i = 0; i < 2; i++) {
            ServiceRequest ordered = order("resident-" + i, "xinbei", project.id());
            assertEquals(new MenuOrder(project.id(), Outcome.ORDERED), ordered.menuOrder());
            assertEquals("weiyang-weixiu", ordered.teamId());
            assertEquals(RequestStatus.DISPATCHED, ordered.status());
            assertEquals("home_repair", ordered.category());
        }
        ServiceRequest third = order("resident-2", "xinbei", project.id());
        assertEquals(Outcome.FULL, third.menuOrder().outcome());
        assertEquals("xinbei-tielulan", third.teamId(), "routed as any home repair of xinbei");
        assertEquals(new MenuOrder(project.id(), Outcome.FULL), desk.requests.find(third.id()).orElseThrow().menuOrder());
        assertEquals(2, desk.projects.get(project.id()).taken());

        clock.set(Instant.parse("2026-12-06T16:01:00Z")); // Monday 00:01 Beijing: a new week
        assertEquals(Outcome.ORDERED, order("resident-3", "sanpu", project.id()).menuOrder().outcome());
    }

    @Test
    void outsideItsAreasOrPausedTheOrderIsRoutedAndSaysWhy() {
        Project project = publish(ADMIN, project("xinxinglu-weixiu", "home_repair", "xinxinglu", 5, null));
        ServiceRequest elsewhere = order("far-resident", "renmin-west", project.id());
        assertEquals(Outcome.NOT_OFFERED_HERE, elsewhere.menuOrder().outcome());
        assertEquals("renminxi-weixiu", elsewhere.teamId());

        desk.projects.update(leaderOf("xinxinglu-weixiu"), project.id(), 1L,
                project("xinxinglu-weixiu", "home_repair", "xinxinglu", 5, false));
        ServiceRequest paused = order("near-resident", "xinxing-west", project.id());
        assertEquals(Outcome.PAUSED, paused.menuOrder().outcome());
        assertEquals("xinxingxi-weixiu", paused.teamId(), "the community's own team, as routing chooses");
    }

    @Test
    void racingOrdersForFourPlacesOrderExactlyFour() throws Exception {
        Project project = publish(ADMIN, project("weicheng-falv", "legal", "renminlu", 4, null));
        int racers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ServiceRequest>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String resident = "racer-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return order(resident, "renmin-west", project.id());
            }));
        }
        start.countDown();
        int ordered = 0;
        for (Future<ServiceRequest> result : results) {
            ordered += result.get().menuOrder().ordered() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(4, ordered);
        assertEquals(4, desk.projects.get(project.id()).taken());
    }

    @Test
    void aProjectOrdersRatingIsTalliedOnceEvenWhenTheRatingIsSentAgain() {
        Project project = publish(ADMIN, project("yimian-weixiu", "home_repair", "xibei-yimian", 5, null));
        Caller resident = Claims.caller(ApiEvents.resident("rating-resident"));
        ServiceRequest ordered = order("rating-resident", "xibei-yimian", project.id());
        desk.dispatch.accept(leaderOf("yimian-weixiu"), ordered.id(), null);
        desk.dispatch.resolve(leaderOf("yimian-weixiu"), ordered.id(), null, "已更换水龙头");
        desk.intake.rate(resident, ordered.id(), null, 4, "resolved", null);
        Problem again = assertThrows(Problem.class, () -> desk.intake.rate(resident, ordered.id(), null, 4, "resolved", null));
        assertEquals(Problem.Kind.CONFLICT, again.kind());
        ServiceRequest routed = order("rating-resident", "zhongshan-north", project.id());
        assertEquals(1, desk.projects.get(project.id()).ratings().ratings());
        assertEquals(4, desk.projects.get(project.id()).ratings().scoreSum());
        assertEquals(Outcome.NOT_OFFERED_HERE, routed.menuOrder().outcome(), "a routed order is no project order");
    }

    @Test
    void badOrdersAreRefusedAndChangeNothing() {
        Project project = publish(ADMIN, project("renminxi-weixiu", "home_repair", "renmin-west", 5, null));
        Caller resident = Claims.caller(ApiEvents.resident("careless"));
        for (NewRequest bad : List.of(
                new NewRequest(null, "漏水", "xinbei", "3号楼", "张桂兰", "13812345678", "app", null, null, "p-nothing"),
                new NewRequest("elderly_care", "漏水", "xinbei", "3号楼", "张桂兰", "13812345678", "app", null, null, project.id()),
                new NewRequest(null, "漏水", "xinbei", "3号楼", "张桂兰", "13812345678", "wish_wall", null, null, project.id()),
                // a channel longer than any channel is refused by its length rule, and no channel is looked at
                new NewRequest(null, "漏水", "xinbei", "3号楼", "张桂兰", "13812345678", "mini_program".repeat(100),
                        null, null, project.id()))) {
            Problem refused = assertThrows(Problem.class, () -> desk.intake.submit(resident, bad, null));
            assertEquals(Problem.Kind.VALIDATION, refused.kind(), refused.getMessage());
        }
        assertEquals(0, desk.projects.get(project.id()).taken());
    }
}
