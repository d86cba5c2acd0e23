package diandan.hours;

import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.hours.SourceType;

/**
 * Route × caller → status for HoursFunction. Records in question are v-li's, recorded by the care team (leaders
 * leader-chen = v-chen and leader-sun = v-sun) for a request in xinbei (street weiyang) submitted by resident-zhang.
 * Not yours → 404, yours but not allowed → 403, no token → 401.
 */
@ExtendWith(DynaliteExtension.class)
class HoursAuthorizationTest {
    static HoursWorld world;
    static String activity;

    static final Map<String, Map<String, String>> CALLERS = Map.of(
            "leader", HoursWorld.LEADER,
            "coLeader", HoursWorld.CO_LEADER,
            "otherLeader", HoursWorld.OTHER_LEADER,
            "volunteerLi", HoursWorld.VOLUNTEER_LI,
            "volunteerWang", HoursWorld.VOLUNTEER_WANG,
            "dispatcher", HoursWorld.DISPATCHER,
            "farDispatcher", HoursWorld.FAR_DISPATCHER,
            "admin", ApiEvents.admin("admin", "weicheng"),
            "resident", HoursWorld.RESIDENT);

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        activity = world.activity();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @CsvSource({
            "createActivity, nobody, 401", "createActivity, leader, 201", "createActivity, otherLeader, 201",
            "createActivity, volunteerLi, 403", "createActivity, dispatcher, 403", "createActivity, admin, 403",
            "createActivity, resident, 403",

            "listActivities, nobody, 401", "listActivities, resident, 200", "listActivities, volunteerLi, 200",
            "listActivities, otherLeader, 200", "listActivities, admin, 200",

            "recordRequest, nobody, 401", "recordRequest, leader, 201", "recordRequest, coLeader, 201",
            "recordRequest, otherLeader, 404", "recordRequest, volunteerLi, 404", "recordRequest, dispatcher, 403",
            "recordRequest, farDispatcher, 404", "recordRequest, admin, 403", "recordRequest, resident, 404",

            "recordActivity, nobody, 401", "recordActivity, leader, 201", "recordActivity, otherLeader, 403",
            "recordActivity, volunteerLi, 403", "recordActivity, dispatcher, 403", "recordActivity, admin, 403",

            "listHours, nobody, 401", "listHours, leader, 200", "listHours, otherLeader, 200",
            "listHours, volunteerLi, 403", "listHours, dispatcher, 200", "listHours, farDispatcher, 200",
            "listHours, admin, 200", "listHours, resident, 403",

            "certify, nobody, 401", "certify, leader, 200", "certify, coLeader, 200", "certify, otherLeader, 404",
            "certify, volunteerLi, 403", "certify, volunteerWang, 404", "certify, dispatcher, 200",
            "certify, farDispatcher, 404", "certify, admin, 200", "certify, resident, 404",
            "certifyOwnHours, leader, 403", "certifyOwnHours, coLeader, 200",

            "correct, nobody, 401", "correct, leader, 201", "correct, coLeader, 201", "correct, otherLeader, 404",
            "correct, volunteerLi, 403", "correct, volunteerWang, 404", "correct, dispatcher, 403",
            "correct, farDispatcher, 404", "correct, admin, 403", "correct, resident, 404",

            "dispute, nobody, 401", "dispute, volunteerLi, 200", "dispute, leader, 403", "dispute, otherLeader, 404",
            "dispute, volunteerWang, 404", "dispute, dispatcher, 403", "dispute, farDispatcher, 404",
            "dispute, admin, 403", "dispute, resident, 404",

            "volunteerHours, nobody, 401", "volunteerHours, volunteerLi, 200", "volunteerHours, volunteerWang, 404",
            "volunteerHours, leader, 200", "volunteerHours, otherLeader, 404", "volunteerHours, dispatcher, 200",
            "volunteerHours, farDispatcher, 200", "volunteerHours, admin, 200", "volunteerHours, resident, 404",

            "certificate, nobody, 401", "certificate, volunteerLi, 200", "certificate, volunteerWang, 404",
            "certificate, leader, 200", "certificate, otherLeader, 404", "certificate, dispatcher, 200",
            "certificate, farDispatcher, 200", "certificate, admin, 200", "certificate, resident, 404",

            "tally, nobody, 401", "tally, resident, 200", "tally, volunteerLi, 200", "tally, admin, 200",

            "leaderboard, nobody, 401", "leaderboard, resident, 200", "leaderboard, leader, 200",

            "export, nobody, 401", "export, dispatcher, 200", "export, farDispatcher, 403", "export, admin, 200",
            "export, leader, 403", "export, volunteerLi, 403", "export, resident, 403",
    })
    void routeByCaller(String action, String caller, int expected) {
        Map<String, String> claims = caller.equals("nobody") ? null : CALLERS.get(caller);
        APIGatewayV2HTTPEvent event = switch (action) {
            case "createActivity" -> ApiEvents.withHeader(ApiEvents.load("create-activity.json"), "Idempotency-Key",
                    java.util.UUID.randomUUID().toString());
            case "listActivities" -> ApiEvents.load("list-activities.json");
            case "recordRequest" -> recordEvent(SourceType.REQUEST, world.resolvedRequest(), "2026-11-28");
            case "recordActivity" -> recordEvent(SourceType.ACTIVITY, activity, "2026-11-21");
            case "listHours" -> ApiEvents.load("list-hours.json");
            case "certify" -> withPath(ApiEvents.load("certify-hours.json"), "id", pendingRecordOf("v-li"));
            case "certifyOwnHours" -> withPath(ApiEvents.load("certify-hours.json"), "id", pendingRecordOf("v-chen"));
            case "correct" -> withPath(ApiEvents.load("correct-hours.json"), "id", pendingRecordOf("v-li"));
            case "dispute" -> withPath(ApiEvents.load("dispute-hours.json"), "id", pendingRecordOf("v-li"));
            case "volunteerHours" -> withPath(ApiEvents.load("volunteer-hours.json"), "id", "v-li");
            case "certificate" -> withPath(ApiEvents.load("volunteer-certificate.json"), "id", "v-li");
            case "tally" -> ApiEvents.load("get-tally.json");
            case "leaderboard" -> ApiEvents.load("get-leaderboard.json");
            case "export" -> ApiEvents.load("export-hours.json");
            default -> throw new IllegalArgumentException(action);
        };
        APIGatewayV2HTTPResponse response = world.handler.handle(ApiEvents.as(event, claims));
        assertEquals(expected, response.getStatusCode(), response.getBody());
    }

    private static APIGatewayV2HTTPEvent recordEvent(SourceType type, String sourceId, String date) {
        APIGatewayV2HTTPEvent event = ApiEvents.withHeader(ApiEvents.load("record-hours.json"), "Idempotency-Key",
                java.util.UUID.randomUUID().toString());
        return ApiEvents.withBody(event, "{\"source\":{\"type\":\"" + type.code()
                + "\",\"id\":\"" + sourceId + "\"},\"entries\":[{\"volunteerId\":\"v-wang\",\"hours\":1,\"date\":\""
                + date + "\"}]}");
    }

    private static String pendingRecordOf(String volunteerId) {
        return world.pendingRecord(volunteerId, 1.5);
    }
}
