package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.hours.HoursWorld;

/**
 * A token whose {@code cognito:groups} merely resembles the admin group, sent through the handlers to routes only
 * an admin may call: each is refused 403 like any stranger, and the admin's own token, as API Gateway flattens
 * it, still passes (so that the refusals are for the groups alone).
 */
@ExtendWith(DynaliteExtension.class)
class HostileClaimsTest {
    /** The value of {@code cognito:groups} as it reaches the handler. */
    static final List<String> HOSTILE_GROUPS = List.of("resident,admin", "[resident,admin]", "[[admin]]", "admin",
            " admin ", "[ admin ]", "[admin ]", "[resident  admin]", "ADMIN", "[ADMIN]", "[Admin]", "\"admin\"",
            "[\"admin\"]", "[\"resident\",\"admin\"]", "['admin']", "[admin\t]", "[resident\tadmin]", "[ＡＤＭＩＮ]",
            "[admin;resident]", "[resident] [admin]", "{admin}");
    /** Admin-only routes, with the file of a well-formed request to each. */
    static final Map<String, String> ADMIN_ONLY = Map.of("GET /reports/sla", "sla-report.json",
            "PUT /clock-policy/channels/{channel}", "put-channel-clocks.json", "GET /alerts", "list-alerts.json",
            "PUT /calendars/{areaId}", "put-calendar.json");

    static World world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new World(table);
    }

    @TestFactory
    Stream<DynamicTest> aGroupOnlyNamedLikeAdminIsRefused() {
        return ADMIN_ONLY.entrySet().stream().flatMap(route -> Stream.concat(
                Stream.of(DynamicTest.dynamicTest(route.getKey() + " by the admin passes", () -> {
                    APIGatewayV2HTTPResponse response = world.deployment.call(ApiEvents.as(
                            ApiEvents.load(route.getValue()), HoursWorld.ADMIN));
                    assertEquals(200, response.getStatusCode(), response.getBody());
                })),
                HOSTILE_GROUPS.stream().map(groups -> DynamicTest.dynamicTest(route.getKey() + " with groups '"
                        + groups + "'", () -> {
                    Map<String, String> claims = new HashMap<>(HoursWorld.ADMIN);
                    claims.put("cognito:groups", groups);
                    APIGatewayV2HTTPResponse response = world.deployment.call(ApiEvents.as(
                            ApiEvents.load(route.getValue()), claims));
                    assertEquals(403, response.getStatusCode(), groups + " passed for admin: " + response.getBody());
                    assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
                }))));
    }
}
