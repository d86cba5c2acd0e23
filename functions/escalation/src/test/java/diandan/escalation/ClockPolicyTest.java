package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.Wiring;
import diandan.adapter.json.Json;
import diandan.app.request.NewRequest;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StoreProbe;
import diandan.domain.BreachWarning;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;

/** Channel clock overrides: admins set them, anyone signed in reads them, new requests get them within a minute. */
@ExtendWith(DynaliteExtension.class)
class ClockPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller HOTLINE_OPERATOR = new Caller("d-xinbei", Set.of(Role.DISPATCHER), null, "xinbei", null);
    static LocalTable table;
    static EscalationApiHandler handler;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        Fixtures.loadDemoRegistry(table);
        handler = new EscalationApiHandler(table.client(), table.name(), new MutableClock(NOW));
    }

    static APIGatewayV2HTTPResponse put(Map<String, String> caller, String channel, String body) {
        return handler.handleRequest(withBody(withPath(route("PUT /clock-policy/channels/{channel}", caller),
                "channel", channel), body), null);
    }

    static JsonNode get(Map<String, String> caller) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(route("GET /clock-policy", caller), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    static ServiceRequest submitHotline(Wiring container) {
        return container.intake.submit(HOTLINE_OPERATOR, new NewRequest("legal", "咨询租房合同", "xinbei", "新北社区5号楼",
                "李明", "13900001111", "hotline", null, null), null).request();
    }

    @Test
    void adminsSetAChannelsClocksAndNewRequestsGetThemWithinAMinuteWithoutAReadEach() throws Exception {
        MutableClock intakeClock = new MutableClock(NOW);
        StoreProbe counting = StoreProbe.on(table).build();
        Wiring intakeContainer = new Wiring(counting.client(), table.name(), intakeClock);
        assertEquals(NOW.plus(Duration.ofMinutes(15)), submitHotline(intakeContainer).sla().respondBy());

        APIGatewayV2HTTPResponse set = put(admin("admin-wang"), "hotline",
                "{\"clocks\":{\"respondMinutes\":10,\"replyMinutes\":20,\"resolveMinutes\":600}}");
        assertEquals(200, set.getStatusCode(), set.getBody());
        assertEquals(10, get(resident("resident-zhang")).at("/channels/hotline/respondMinutes").asInt());

        for (int i = 0; i < 5; i++) {
            assertEquals(NOW.plus(Duration.ofMinutes(15)), submitHotline(intakeContainer).sla().respondBy(),
                    "the intake container's snapshot is at most a minute old");
        }
        assertEquals(1, counting.reading().partitionQueries("CLOCK_POLICY"), "one read for six submissions");

        intakeClock.advance(Duration.ofSeconds(61));
        ServiceRequest after = submitHotline(intakeContainer);
        assertEquals(intakeClock.instant().plus(Duration.ofMinutes(10)), after.sla().respondBy());
        assertEquals(intakeClock.instant().plus(Duration.ofMinutes(600)), after.sla().resolveBy());
        assertEquals(2, counting.reading().partitionQueries("CLOCK_POLICY"));
    }

    @Test
    void everyoneSignedInReadsThePolicyWishesWaitDaysByDefault() throws Exception {
        JsonNode policy = get(resident("resident-zhang"));
        assertEquals(15, policy.at("/deskPromise/respondMinutes").asInt());
        assertEquals(3 * 24 * 60, policy.at("/channels/wish_wall/respondMinutes").asInt());
        assertEquals(401, handler.handleRequest(route("GET /clock-policy", null), null).getStatusCode());
    }

    @Test
    void onlyAdminsSetClocksAndOnlySensibleOnes() throws Exception {
        String valid = "{\"clocks\":{\"respondMinutes\":60,\"replyMinutes\":120,\"resolveMinutes\":2880}}";
        assertEquals(401, put(null, "walk_in", valid).getStatusCode());
        assertEquals(403, put(dispatcher("d-xinbei", "xinbei"), "walk_in", valid).getStatusCode());
        assertEquals(404, put(admin("a"), "fax", valid).getStatusCode());
        APIGatewayV2HTTPResponse outOfOrder = put(admin("a"), "walk_in",
                "{\"clocks\":{\"respondMinutes\":60,\"replyMinutes\":30,\"resolveMinutes\":2880}}");
        assertEquals(422, outOfOrder.getStatusCode());
        assertEquals("clocks", Json.read(outOfOrder.getBody()).at("/errors/0/field").asText());
        APIGatewayV2HTTPResponse outOfRange = put(admin("a"), "walk_in",
                "{\"clocks\":{\"respondMinutes\":0,\"replyMinutes\":30}}");
        assertEquals(422, outOfRange.getStatusCode());
        assertEquals(2, Json.read(outOfRange.getBody()).get("errors").size(), "respond range, resolve missing");
        assertEquals(400, put(admin("a"), "walk_in", "{\"clocks\":{\"respondMinutes\":\"soon\"}}").getStatusCode());
        assertEquals(400, put(admin("a"), "walk_in", valid.replace("}}", "},\"escalateTo\":\"mayor\"}")).getStatusCode());
        assertEquals(200, put(admin("a"), "walk_in", valid).getStatusCode());
        assertEquals(120, get(admin("a")).at("/channels/walk_in/replyMinutes").asInt());
    }

    @Test
    void aChannelsWarningShareIsSetWithItsClocksAndEachNewRequestKeepsItsOwn() throws Exception {
        APIGatewayV2HTTPResponse set = put(admin("a"), "walk_in",
                "{\"clocks\":{\"respondMinutes\":20,\"replyMinutes\":40,\"resolveMinutes\":600,\"warnAtPercent\":60}}");
        assertEquals(200, set.getStatusCode(), set.getBody());
        assertEquals(60, get(resident("resident-zhang")).at("/channels/walk_in/warnAtPercent").asInt());
        assertEquals(80, get(resident("resident-zhang")).at("/deskPromise/warnAtPercent").asInt());

        Wiring container = new Wiring(table.client(), table.name(), new MutableClock(NOW));
        ServiceRequest submitted = container.intake.submit(HOTLINE_OPERATOR, new NewRequest("legal", "咨询租房合同",
                "xinbei", "新北社区5号楼", "李明", "13900001111", "walk_in", null, null), null).request();
        ServiceRequest stored = container.requests.find(submitted.id()).orElseThrow();
        assertEquals(NOW.plus(Duration.ofMinutes(12)), BreachWarning.warnAt(stored, SlaClock.RESPOND),
                "60 % of 20 minutes, as stored with the request");

        APIGatewayV2HTTPResponse tooLate = put(admin("a"), "walk_in",
                "{\"clocks\":{\"respondMinutes\":20,\"replyMinutes\":40,\"resolveMinutes\":600,\"warnAtPercent\":99}}");
        assertEquals(422, tooLate.getStatusCode(), tooLate.getBody());
        assertEquals("clocks.warnAtPercent", Json.read(tooLate.getBody()).at("/errors/0/field").asText());
        assertEquals(60, get(admin("a")).at("/channels/walk_in/warnAtPercent").asInt(), "a refusal changes nothing");
    }
}
