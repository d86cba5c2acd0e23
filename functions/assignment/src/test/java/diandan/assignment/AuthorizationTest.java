package diandan.assignment;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.leader;
import static diandan.devkit.ApiEvents.resident;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * Who may call each AssignmentFunction route: route × caller (role and relation to the request) → status.
 * Team A ({@code xinbei-juandilv}) is the team a request is with; B ({@code xinbei-linlicheng}) is another
 * team of the same community. Every row starts from a fresh request in the state its route acts on.
 */
@ExtendWith(DynaliteExtension.class)
class AuthorizationTest {
    static final String A = "xinbei-juandilv";
    static final String B = "xinbei-linlicheng";
    static final AtomicInteger ROWS = new AtomicInteger();
    static Desk desk;

    /** Callers, by role and by relation to the request (its resident or not, its team or another...). */
    enum Who {
        NO_TOKEN, OWNER, OTHER_RESIDENT, LEADER_OF_ITS_TEAM, LEADER_OF_OTHER_TEAM, DISPATCHER_OF_ITS_AREA,
        DISPATCHER_ELSEWHERE, ADMIN, VOLUNTEER;

        Map<String, String> claims(String owner) {
            return switch (this) {
                case NO_TOKEN -> null;
                case OWNER -> resident(owner);
                case OTHER_RESIDENT -> resident("someone-else");
                case LEADER_OF_ITS_TEAM -> leader("u-leader-" + A, A);
                case LEADER_OF_OTHER_TEAM -> leader("u-leader-" + B, B);
                case DISPATCHER_OF_ITS_AREA -> dispatcher("dispatcher-weiyang", "weiyang");
                case DISPATCHER_ELSEWHERE -> dispatcher("dispatcher-wenhuilu", "wenhuilu");
                case ADMIN -> admin("admin-li");
                case VOLUNTEER -> ApiEvents.claims("volunteer-1", "volunteer", null, null, "v0001");
            };
        }
    }

    /** What a row's route acts on: a request of {@code owner} in some state, a team, a volunteer, or nothing. */
    static final BiFunction<Desk, String, String> DISPATCHED_TO_A = (d, owner) -> d.dispatchedTo(owner, A).id();
    static final BiFunction<Desk, String, String> ACCEPTED_BY_A = (d, owner) -> d.acceptedBy(owner, A).id();
    static final BiFunction<Desk, String, String> OPEN_WISH = (d, owner) ->
            d.submit(owner, "education", "xinbei", "wish_wall").id();
    static final BiFunction<Desk, String, String> TEAM_A = (d, owner) -> A;
    static final BiFunction<Desk, String, String> AS_IN_FILE = (d, owner) -> null;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        // statuses in the order of Who: no token, owner, other resident, its team's leader, another team's leader,
        // its area's dispatcher, another area's dispatcher, admin, volunteer
        route(rows, "dispatch-request.json", DISPATCHED_TO_A, 401, 403, 404, 403, 404, 200, 404, 200, 404);
        route(rows, "accept-request.json", DISPATCHED_TO_A, 401, 403, 404, 200, 404, 403, 404, 403, 404);
        route(rows, "decline-request.json", DISPATCHED_TO_A, 401, 403, 404, 200, 404, 403, 404, 403, 404);
        route(rows, "reply-request.json", ACCEPTED_BY_A, 401, 403, 404, 200, 404, 403, 404, 403, 404);
        route(rows, "start-request.json", ACCEPTED_BY_A, 401, 403, 404, 200, 404, 403, 404, 403, 404);
        route(rows, "resolve-request.json", ACCEPTED_BY_A, 401, 403, 404, 200, 404, 403, 404, 403, 404);
        // the wish is claimed for team B, as claim-wish.json says
        route(rows, "claim-wish.json", OPEN_WISH, 401, 403, 403, 403, 200, 403, 403, 403, 403);
        route(rows, "team-requests.json", TEAM_A, 401, 403, 403, 200, 403, 200, 403, 200, 403);
        route(rows, "list-teams.json", AS_IN_FILE, 401, 200, 200, 200, 200, 200, 200, 200, 200);
        route(rows, "get-team.json", AS_IN_FILE, 401, 200, 200, 200, 200, 200, 200, 200, 200);
        route(rows, "get-volunteer.json", AS_IN_FILE, 401, 200, 200, 200, 200, 200, 200, 200, 200);
        route(rows, "create-team.json", AS_IN_FILE, 401, 403, 403, 403, 403, 403, 403, 201, 403);
        route(rows, "put-team.json", AS_IN_FILE, 401, 403, 403, 403, 403, 403, 403, 200, 403);
        route(rows, "put-category.json", AS_IN_FILE, 401, 403, 403, 403, 403, 403, 403, 201, 403);
        route(rows, "put-area.json", AS_IN_FILE, 401, 403, 403, 403, 403, 403, 403, 201, 403);
        route(rows, "create-volunteer.json", AS_IN_FILE, 401, 403, 403, 403, 403, 403, 403, 201, 403);
        return rows.stream();
    }

    static void route(List<Arguments> rows, String file, BiFunction<Desk, String, String> subject, int... statuses) {
        Who[] callers = Who.values();
        assertEquals(callers.length, statuses.length, file);
        for (int i = 0; i < callers.length; i++) {
            rows.add(Arguments.of(file, callers[i], subject, statuses[i]));
        }
    }

    @ParameterizedTest(name = "{0} by {1} -> {3}")
    @MethodSource("table")
    void onlyTheRightCallerGetsThrough(String file, Who who, BiFunction<Desk, String, String> subject, int status) {
        String owner = "owner-" + ROWS.incrementAndGet();
        String id = subject.apply(desk, owner);
        APIGatewayV2HTTPResponse response = desk.call(Desk.event(file, who.claims(owner), id));
        assertEquals(status, response.getStatusCode(), response.getBody());
    }
}
