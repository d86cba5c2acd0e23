package diandan.intake;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.SubmissionLimits;

/**
 * Route × caller → status for IntakeFunction. The request in question belongs to resident {@code owner}, lies
 * in community xinbei (street weiyang) and, where resolved, was served by team {@code team-x}.
 */
@ExtendWith(DynaliteExtension.class)
class IntakeAuthorizationTest {
    static IntakeHandler handler;
    static DynamoRequestRepository requests;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T09:30:00Z"));

    static final Map<String, Map<String, String>> CALLERS = Map.of(
            "owner", ApiEvents.resident("owner"),
            "otherResident", ApiEvents.resident("neighbour"),
            "dispatcherOfArea", ApiEvents.dispatcher("d-in", "weiyang"),
            "dispatcherElsewhere", ApiEvents.dispatcher("d-out", "wenhuilu"),
            "leaderOfServingTeam", ApiEvents.leader("leader-x", "team-x"),
            "leaderOfOtherTeam", ApiEvents.leader("leader-y", "team-y"),
            "volunteer", ApiEvents.claims("vol", "volunteer", null, null, "vol"),
            // an admin of the request's district: the demo registry holds two, whose lists name one of them
            "admin", ApiEvents.claims("admin", "admin", null, "weicheng", null));

    @BeforeAll
    static void setUp(LocalTable table) {
        requests = new DynamoRequestRepository(table.client(), table.name());
        // the owner submits far more than a resident would: limits are tested on their own
        handler = IntakeFixture.handler(table, CLOCK, new SubmissionLimits(1000, 1000));
    }

    static String newRequest(boolean resolved) {
        APIGatewayV2HTTPResponse created = handler.handleRequest(withHeader(as(ApiEvents.load("submit-request.json"),
                CALLERS.get("owner")), "Idempotency-Key", UUID.randomUUID().toString()), null);
        String id;
        try {
            id = Json.read(created.getBody()).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(created.getBody(), e);
        }
        if (resolved) {
            ServiceRequest submitted = requests.find(id).orElseThrow();
            Instant at = CLOCK.instant();
            ServiceRequest dispatched = RequestLifecycle.dispatch(submitted, "team-x", "d-in", "test", at);
            ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader-x", at);
            ServiceRequest done = RequestLifecycle.resolve(accepted, "leader-x", "done", at);
            requests.replace(submitted, dispatched);
            requests.replace(dispatched, accepted);
            requests.replace(accepted, done);
        }
        return id;
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @CsvSource({
            "submit, nobody, 401", "submit, owner, 201", "submit, otherResident, 201",
            "submit, dispatcherOfArea, 403", "submit, leaderOfOtherTeam, 403", "submit, volunteer, 403", "submit, admin, 403",

            "read, nobody, 401", "read, owner, 200", "read, otherResident, 404", "read, dispatcherOfArea, 200",
            "read, dispatcherElsewhere, 404", "read, leaderOfServingTeam, 200", "read, leaderOfOtherTeam, 404",
            "read, volunteer, 404", "read, admin, 200",

            "list, nobody, 401", "list, owner, 200", "list, dispatcherOfArea, 200", "list, dispatcherElsewhere, 200",
            "list, leaderOfOtherTeam, 200", "list, volunteer, 403", "list, admin, 200",

            "cancel, nobody, 401", "cancel, owner, 200", "cancel, otherResident, 404", "cancel, dispatcherOfArea, 200",
            "cancel, dispatcherElsewhere, 404", "cancel, leaderOfOtherTeam, 404", "cancel, volunteer, 404", "cancel, admin, 200",
            "cancel, leaderOfServingTeam, 403",

            "rate, nobody, 401", "rate, owner, 200", "rate, otherResident, 404", "rate, dispatcherOfArea, 403",
            "rate, dispatcherElsewhere, 404", "rate, leaderOfServingTeam, 403", "rate, leaderOfOtherTeam, 404",
            "rate, volunteer, 404", "rate, admin, 403",

            "wishes, nobody, 401", "wishes, owner, 200", "wishes, volunteer, 200", "wishes, admin, 200",
    })
    void routeByCaller(String action, String caller, int expected) {
        Map<String, String> claims = caller.equals("nobody") ? null : CALLERS.get(caller);
        APIGatewayV2HTTPEvent event = switch (action) {
            case "submit" -> withHeader(ApiEvents.load("submit-request.json"), "Idempotency-Key", UUID.randomUUID().toString());
            case "read" -> withPath(ApiEvents.load("get-request.json"), "id", newRequest(true));
            case "list" -> ApiEvents.load("list-requests.json");
            case "cancel" -> withPath(ApiEvents.load("cancel-request.json"), "id",
                    caller.equals("leaderOfServingTeam") ? dispatchedToServingTeam() : newRequest(false));
            case "rate" -> withPath(ApiEvents.load("rate-request.json"), "id", newRequest(true));
            case "wishes" -> ApiEvents.load("list-wishes.json");
            default -> throw new IllegalArgumentException(action);
        };
        APIGatewayV2HTTPResponse response = handler.handleRequest(as(event, claims), null);
        assertEquals(expected, response.getStatusCode(), response.getBody());
    }

    /** A request team-x has accepted: its leader may read it but not cancel it. */
    static String dispatchedToServingTeam() {
        String id = newRequest(false);
        ServiceRequest submitted = requests.find(id).orElseThrow();
        ServiceRequest dispatched = RequestLifecycle.dispatch(submitted, "team-x", "d-in", "test", CLOCK.instant());
        requests.replace(submitted, dispatched);
        return id;
    }
}
