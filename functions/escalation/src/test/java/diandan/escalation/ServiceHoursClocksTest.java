package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.app.request.NewRequest;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.RepoRoot;
import diandan.domain.BreachWarning;
import diandan.domain.Caller;
import diandan.domain.SlaClock;
import diandan.domain.Clocks;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.TimeBase;

/**
 * A category's or channel's clock on {@code service_hours} counts in the calendar in force for the request's
 * community; one on {@code continuous} (the default) on wall time, calendar or not.
 */
@ExtendWith(DynaliteExtension.class)
class ServiceHoursClocksTest {
    /** 17:50 on Wednesday 30 September 2026, Beijing: the last workday before 国庆. */
    static final Instant BEFORE_国庆 = LocalDateTime.parse("2026-09-30T17:50").atZone(ServiceCalendar.DEFAULT_ZONE).toInstant();
    static final Caller HOTLINE_OPERATOR = new Caller("d-xinbei", Set.of(Role.DISPATCHER), null, "xinbei", null);
    static LocalTable table;
    static EscalationApiHandler handler;

    @BeforeAll
    static void setUp(LocalTable engineTable) throws Exception {
        table = Fixtures.freshTable(engineTable);
        Fixtures.loadDemoRegistry(table);
        handler = new EscalationApiHandler(table.client(), table.name(), new MutableClock(BEFORE_国庆));
        String demo = Files.readString(RepoRoot.find().resolve("local/demo/calendar-2026.json"));
        assertEquals(200, call(withBody(withPath(route("PUT /calendars/{areaId}", admin("a")), "areaId", "weicheng"), demo))
                .getStatusCode());
    }

    static APIGatewayV2HTTPResponse call(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    static APIGatewayV2HTTPResponse setChannel(String channel, String clocks) {
        return call(withBody(withPath(route("PUT /clock-policy/channels/{channel}", admin("a")), "channel", channel),
                "{\"clocks\":" + clocks + "}"));
    }

    static ServiceRequest submit(String category, String channel) {
        return submit(category, channel, "xinbei");
    }

    static ServiceRequest submit(String category, String channel, String communityId) {
        Wiring container = new Wiring(table.client(), table.name(), new MutableClock(BEFORE_国庆));
        Caller caller = channel.equals("hotline") ? HOTLINE_OPERATOR : Claims.caller(resident("resident-" + category));
        return container.intake.submit(caller, new NewRequest(category, "咨询", communityId, "5号楼", "李明",
                "13900001111", channel, null, null), null).request();
    }

    static Instant beijing(String local) {
        return LocalDateTime.parse(local).atZone(ServiceCalendar.DEFAULT_ZONE).toInstant();
    }

    @Test
    void aHotlineRequestBeforeTheHolidayIsRespondedToAtOnceAndResolvedOnTheMakeUpSaturday() throws Exception {
        APIGatewayV2HTTPResponse set = setChannel("hotline", "{\"respondMinutes\":15,\"replyMinutes\":30,"
                + "\"resolveMinutes\":1440,\"replyTimeBase\":\"service_hours\",\"resolveTimeBase\":\"service_hours\"}");
        assertEquals(200, set.getStatusCode(), set.getBody());
        JsonNode hotline = Json.read(set.getBody()).at("/channels/hotline");
        assertEquals("continuous", hotline.get("respondTimeBase").asText());
        assertEquals("service_hours", hotline.get("resolveTimeBase").asText());

        ServiceRequest request = submit("legal", "hotline");
        assertEquals(BEFORE_国庆.plus(Duration.ofMinutes(15)), request.sla().respondBy(), "respond stays on wall time");
        assertEquals(beijing("2026-10-08T08:50"), request.sla().replyBy(), "10 minutes before the holiday, 20 after");
        assertEquals(beijing("2026-10-10T13:20"), request.sla().resolveBy(), "the make-up Saturday counts");
        ServiceRequest stored = Fixtures.requests(table).find(request.id()).orElseThrow();
        assertEquals(TimeBase.SERVICE_HOURS, stored.sla().timeBases().of(SlaClock.RESOLVE), "the request keeps its time bases");
        assertEquals(TimeBase.CONTINUOUS, stored.sla().timeBases().of(SlaClock.RESPOND));
        assertEquals(request.sla(), stored.sla());
    }

    @Test
    void aCategoryOnServiceHoursToo() throws Exception {
        Wiring admin = new Wiring(table.client(), table.name(), new MutableClock(BEFORE_国庆));
        admin.registryAdmin.putCategory(Claims.caller(admin("a")), "repairs_slow", "小修",
                new Clocks.Form(60, 120, 600, "service_hours", "service_hours", null, null));
        ServiceRequest request = submit("repairs_slow", "app");
        assertEquals(beijing("2026-10-08T09:20"), request.sla().respondBy());
        assertEquals(beijing("2026-10-08T10:20"), request.sla().replyBy());
        assertEquals(BEFORE_国庆.plus(Duration.ofHours(10)), request.sla().resolveBy(), "resolve on wall time");
        assertEquals(TimeBase.SERVICE_HOURS, admin.registry.fresh().category("repairs_slow").orElseThrow().clocks()
                .timeBases().of(SlaClock.REPLY));
    }

    @Test
    void timeBasesAreContinuousOrServiceHoursAndContinuousByDefault() throws Exception {
        APIGatewayV2HTTPResponse bad = setChannel("walk_in", "{\"respondMinutes\":15,\"replyMinutes\":30,"
                + "\"resolveMinutes\":1440,\"replyTimeBase\":\"business\",\"resolveTimeBase\":\"SERVICE_HOURS\"}");
        assertEquals(422, bad.getStatusCode());
        assertEquals("clocks.replyTimeBase", Json.read(bad.getBody()).at("/errors/0/field").asText());
        assertEquals("clocks.resolveTimeBase", Json.read(bad.getBody()).at("/errors/1/field").asText());
        assertEquals(400, setChannel("walk_in", "{\"respondMinutes\":15,\"replyMinutes\":30,\"resolveMinutes\":1440,"
                + "\"replyTimeBase\":7}").getStatusCode());
        JsonNode policy = Json.read(call(route("GET /clock-policy", resident("r"))).getBody());
        assertEquals("continuous", policy.at("/deskPromise/respondTimeBase").asText());
        assertEquals("continuous", policy.at("/deskPromise/replyTimeBase").asText());
        assertEquals("continuous", policy.at("/deskPromise/resolveTimeBase").asText());
        ServiceRequest app = submit("legal", "app");
        assertEquals(BEFORE_国庆.plus(Duration.ofHours(24)), app.sla().resolveBy(), "the desk's promise: wall time");
    }

    @Test
    void aCalendarChangeMovesNoRunningClockOnlyThoseThatStartAfterwards() throws Exception {
        assertEquals(200, setChannel("mini_program", "{\"respondMinutes\":15,\"replyMinutes\":30,"
                + "\"resolveMinutes\":1440,\"resolveTimeBase\":\"service_hours\"}").getStatusCode());
        ServiceRequest before = submit("legal", "mini_program", "sanpu");
        assertEquals(beijing("2026-10-10T13:20"), before.sla().resolveBy(), "the district's 2026 calendar");
        String weekdaysOnly = "{\"weekly\":{\"monday\":[\"08:30-18:00\"],\"tuesday\":[\"08:30-18:00\"],"
                + "\"wednesday\":[\"08:30-18:00\"],\"thursday\":[\"08:30-18:00\"],\"friday\":[\"08:30-18:00\"]}}";
        assertEquals(200, call(withBody(withPath(route("PUT /calendars/{areaId}", admin("a")), "areaId", "sanpu"),
                weekdaysOnly)).getStatusCode());
        assertEquals(before.sla(), Fixtures.requests(table).find(before.id()).orElseThrow().sla(),
                "the running clock keeps the deadline it was given");
        ServiceRequest after = submit("legal", "mini_program", "sanpu");
        assertEquals(beijing("2026-10-05T13:20"), after.sla().resolveBy(),
                "sanpu's own calendar has no holidays: Thursday and Friday, then Monday");
    }
    @Test
    void aWarningInServiceHoursIsFixedInBusinessTimeAndStaysWhereItWasWhenTheCalendarChanges() throws Exception {
        Wiring admin = new Wiring(table.client(), table.name(), new MutableClock(BEFORE_国庆));
        admin.registryAdmin.putCategory(Claims.caller(admin("a")), "repairs_warned", "小修（提醒）",
                new Clocks.Form(60, 120, 600, "service_hours", "service_hours", "service_hours", null));
        ServiceRequest request = submit("repairs_warned", "app", "renmin-east");
        assertEquals(beijing("2026-10-08T09:20"), request.sla().respondBy());
        Instant warning = beijing("2026-10-08T09:08");
        assertEquals(warning, BreachWarning.warnAt(request, SlaClock.RESPOND),
                "48 business minutes: 10 before the holiday, 38 after it, not 80 % of the eight days between");
        ServiceRequest stored = Fixtures.requests(table).find(request.id()).orElseThrow();
        assertEquals(warning, BreachWarning.warnAt(stored, SlaClock.RESPOND));
        assertEquals(warning, stored.nextDue().orElseThrow(), "the due index holds the warning in business time");

        String weekdaysOnly = "{\"weekly\":{\"monday\":[\"08:30-18:00\"],\"tuesday\":[\"08:30-18:00\"],"
                + "\"wednesday\":[\"08:30-18:00\"],\"thursday\":[\"08:30-18:00\"],\"friday\":[\"08:30-18:00\"]}}";
        assertEquals(200, call(withBody(withPath(route("PUT /calendars/{areaId}", admin("a")), "areaId", "renmin-east"),
                weekdaysOnly)).getStatusCode());
        ServiceRequest reread = Fixtures.requests(table).find(request.id()).orElseThrow();
        assertEquals(warning, BreachWarning.warnAt(reread, SlaClock.RESPOND), "the calendar change moves no warning");
        assertEquals(request.sla(), reread.sla());
    }
}
