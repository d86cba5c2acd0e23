package diandan.assignment;

import static diandan.devkit.ApiEvents.leader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;

/**
 * Callers racing for one request, one identity document or one version of a volunteer: the conditional write lets
 * exactly one win, the others get 409.
 */
@ExtendWith(DynaliteExtension.class)
class RaceTest {
    static final int ROUNDS = 10;
    static final String ACCEPTING_TEAM = "weicheng-wenyi";
    /** The teams that may take an elderly-care wish in xinbei: the community's two and the street's. */
    static final List<String> CLAIMING_TEAMS = List.of("xinbei-linlicheng", "xinbei-juandilv", "weiyang-jinglao");
    static Desk desk;
    static ExecutorService pool;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
        pool = Executors.newFixedThreadPool(CLAIMING_TEAMS.size());
    }

    @AfterAll
    static void tearDown() {
        pool.shutdown();
    }

    @Test
    void twoLeadersOfTheTeamAcceptAtOnceAndExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ServiceRequest request = desk.dispatchedTo("resident-accept-" + round, ACCEPTING_TEAM);
            List<APIGatewayV2HTTPEvent> calls = List.of(
                    Desk.event("accept-request.json", leader("leader-one", ACCEPTING_TEAM), request.id()),
                    Desk.event("accept-request.json", leader("leader-two", ACCEPTING_TEAM), request.id()));
            assertEquals(List.of(200, 409), race(calls), "round " + round);
            assertEquals(round + 1, desk.wiring.loads.load(ACCEPTING_TEAM).openCount(), "counted once per request");
        }
    }

    @Test
    void teamsClaimAWishAtOnceAndTheFirstClaimWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ServiceRequest wish = desk.submit("resident-wish-" + round, "elderly_care", "xinbei", "wish_wall");
            List<APIGatewayV2HTTPEvent> calls = new ArrayList<>();
            for (String team : CLAIMING_TEAMS) {
                calls.add(ApiEvents.withBody(Desk.event("claim-wish.json", leader("leader-of-" + team, team), wish.id()),
                        "{\"teamId\":\"" + team + "\"}"));
            }
            assertEquals(List.of(200, 409, 409), race(calls), "round " + round);
            ServiceRequest claimed = desk.find(wish.id());
            for (String team : CLAIMING_TEAMS) {
                int expected = team.equals(claimed.teamId()) ? 1 : 0;
                assertEquals(expected, desk.wiring.loads.load(team).openCount(), team + " in round " + round);
            }
            // the winner serves it at once, so every round starts from empty teams
            Map<String, String> winner = leader("leader-of-" + claimed.teamId(), claimed.teamId());
            desk.wiring.dispatch.accept(Desk.caller(winner), claimed.id(), null);
            desk.wiring.dispatch.resolve(Desk.caller(winner), claimed.id(), null, "辅导完成");
        }
    }

    /**
     * A change records the teams' loads beside its conditional write: one that loses its race to a change of the
     * same version (here an accept, which records nothing) takes back what it recorded before it answers 409.
     */
    @Test
    void aChangeThatLosesItsRaceCountsNothingOnceItHasAnswered() {
        String team = "weicheng-kepu";
        String elsewhere = "weicheng-huanbao";
        List<UnaryOperator<ServiceRequest>> losers = List.of(
                request -> RequestLifecycle.dispatch(request, elsewhere, "admin-li", "by hand", Desk.NOW),
                request -> desk.wiring.routing.route(RequestLifecycle.decline(request, "leader-of-" + team,
                        "no one free", Desk.NOW), Desk.NOW),
                request -> RequestLifecycle.cancel(request, "resident", "no longer needed", Desk.NOW));
        for (UnaryOperator<ServiceRequest> loser : losers) {
            ServiceRequest read = desk.dispatchedTo("resident-lost-race-" + losers.indexOf(loser), team);
            desk.wiring.dispatch.accept(Desk.caller(leader("leader-of-" + team, team)), read.id(), null);
            Problem lost = assertThrows(Problem.class, () -> desk.wiring.changes.change(read, null, request -> { },
                    loser));
            assertEquals(Problem.Kind.CONFLICT, lost.kind());
            for (Team any : desk.wiring.registry.get().teams()) {
                Long held = desk.wiring.loads.entries(any.id()).get(read.id());
                assertEquals(any.id().equals(team), held != null && held > 0, any.id() + " holds " + held);
            }
        }
    }

    @Test
    void twoAdminsRegisterOneIdentityDocumentAtOnceAndExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS / 2; round++) {
            String passport = "E3000000" + round;
            List<APIGatewayV2HTTPEvent> calls = List.of(VolunteerUpdateTest.registration("race-a-" + round, passport),
                    VolunteerUpdateTest.registration("race-b-" + round, passport));
            assertEquals(List.of(201, 409), race(calls), "round " + round);
            long registered = Stream.of("race-a-" + round, "race-b-" + round).map(key -> Ids.derivedId("v", "admin-li", key))
                    .filter(id -> desk.wiring.registryStore.findVolunteer(id).isPresent()).count();
            assertEquals(1, registered, "round " + round);
        }
    }

    @Test
    void twoUpdatesOfOneVersionAtOnceAndExactlyOneWins() throws Exception {
        String id = Desk.json(desk.call(VolunteerUpdateTest.registration("race-update", null))).get("id").asText();
        for (int round = 0; round < ROUNDS / 2; round++) {
            String version = String.valueOf(round + 1);
            List<APIGatewayV2HTTPEvent> calls = List.of(
                    VolunteerUpdateTest.update(id, version, VolunteerUpdateTest.changed("周一", "E3100000" + round)),
                    VolunteerUpdateTest.update(id, version, VolunteerUpdateTest.changed("周二", "E3200000" + round)));
            assertEquals(List.of(200, 409), race(calls), "round " + round);
            String lost = desk.wiring.registryStore.findVolunteer(id).orElseThrow().name().equals("周一")
                    ? "E3200000" + round : "E3100000" + round;
            assertEquals(201, desk.call(VolunteerUpdateTest.registration("race-lost-" + round, lost)).getStatusCode(),
                    "the loser's document was let go; round " + round);
        }
    }

    /** Sends all calls at the same moment; their statuses, sorted. */
    static List<Integer> race(List<APIGatewayV2HTTPEvent> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (APIGatewayV2HTTPEvent call : calls) {
            answers.add(pool.submit(() -> {
                start.await();
                return desk.call(call).getStatusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        statuses.sort(null);
        return statuses;
    }
}
