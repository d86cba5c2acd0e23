package diandan.system;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.load;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.app.hours.HoursRecorder;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.RequestLifecycle;
import diandan.domain.retention.ContactRetention;
import diandan.hours.HoursWorld;

/**
 * The retention job as deployed (RetentionFunction from template.yaml, under its least-privilege grants) on a
 * request the care team served, whose hours v-li recorded, the desk certified and the rollup counted, and whose
 * resident rated it: its contact data is there until the retention period has passed on the schedule's clock,
 * and gone after; the run changes the request item alone, and every report (the SLA report, the tally, the
 * certificate, the export, the volunteer's hours, the resident's list) answers exactly as before.
 */
@ExtendWith(DynaliteExtension.class)
class ContactRetentionTest {
    @Test
    void aClosedRequestsContactIsGoneAfterThePeriodOnTheSchedulesTimeAndEveryReportIsUnchanged(LocalTable table)
            throws Exception {
        World world = new World(table);
        String owner = world.newResident();
        World.Served served = world.resolvedRequest(owner);
        String id = served.requestId();
        for (var record : world.hours.wiring.recorder.record(Claims.caller(HoursWorld.LEADER),
                new HoursRecorder.NewHours("request", id, List.of(new HoursRecorder.Entry(World.VOLUNTEER, 1.5,
                        served.day().toString(), "陪同", null))), null).records()) {
            world.hours.wiring.certification.certify(Claims.caller(HoursWorld.ADMIN), record.id());
        }
        world.hours.wiring.rollup.run("retention-test");
        assertEquals(200, call(world, withPath(load("rate-request.json"), "id", id), ApiEvents.resident(owner))
                .getStatusCode());
        Instant closed = world.hours.clock.instant();
        ContactRetention retention = ContactRetention.days(ContactRetention.DEFAULT_DAYS);

        world.hours.clock.set(closed.plus(retention.period()).minusSeconds(1));
        tick(world);
        JsonNode kept = request(world, id, owner);
        assertEquals("13812345678", kept.path("contactPhone").asText(), "a second before the period ends");

        world.hours.clock.set(closed.plus(retention.period()));
        Map<String, String> reportsBefore = reports(world, owner, served.day());
        TableSnapshot before = TableSnapshot.of(table);
        JsonNode summary = tick(world);
        TableSnapshot after = TableSnapshot.of(table);
        Map<String, String> reportsAfter = reports(world, owner, served.day());

        assertEquals(1, summary.path("erased").asInt(), summary.toString());
        JsonNode erased = request(world, id, owner);
        for (String field : List.of("contactName", "contactPhone", "address")) {
            assertTrue(erased.path(field).isNull(), field + " in " + erased);
        }
        JsonNode last = erased.path("timeline").get(erased.path("timeline").size() - 1);
        assertEquals(RequestLifecycle.CONTACT_ERASED, last.path("type").asText());
        assertEquals("system", last.path("actor").asText());
        assertEquals(5, erased.path("rating").path("score").asInt(), "the rating stays");
        assertEquals(List.of("changed REQ#" + id + " / REQ [ad, cn, cp, dueKey, dueSort, fp, tl, up, v, wid]"),
                after.changesSince(before), "the request item alone, and in it only what the erasure is (and the write's own id)");
        reportsBefore.forEach((name, report) -> assertEquals(report, reportsAfter.get(name), name));

        // the private-data audit of the erasure: no stored item of the request holds its resident's contact data
        for (var item : after.items().entrySet()) {
            String text = item.getValue().toString();
            if (text.contains(id)) {
                for (String value : List.of("13812345678", "张桂兰", "新北社区3号楼2单元501")) {
                    assertFalse(text.contains(value), item.getKey() + " holds " + value);
                }
            }
        }
    }

    private static JsonNode tick(World world) throws Exception {
        return Json.read(new String(world.deployment.invoke("RetentionFunction",
                ApiEvents.schedule("retention-tick.json")), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static APIGatewayV2HTTPResponse call(World world, APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        return world.deployment.call(as(event, claims));
    }

    private static JsonNode request(World world, String id, String owner) throws Exception {
        APIGatewayV2HTTPResponse response = call(world, withPath(load("get-request.json"), "id", id),
                ApiEvents.resident(owner));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    /** Every report the request counts in, as answered: the lists without the fields the erasure changes. */
    private static Map<String, String> reports(World world, String owner, LocalDate day) throws Exception {
        String from = day.minusDays(1).toString();
        String to = day.plusDays(1).toString();
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("SLA report", body(world, withQuery(load("sla-report.json"), Map.of("from", from + "T00:00:00Z",
                "to", to + "T00:00:00Z", "groupBy", "team")), HoursWorld.DISPATCHER));
        reports.put("tally", body(world, withQuery(load("get-tally.json"), Map.of("scope", "volunteer",
                "id", World.VOLUNTEER, "period", "all")), HoursWorld.VOLUNTEER_LI));
        reports.put("certificate", body(world, withPath(load("volunteer-certificate.json"), "id", World.VOLUNTEER),
                HoursWorld.VOLUNTEER_LI));
        reports.put("export", body(world, withQuery(load("export-hours.json"), Map.of("from", from, "to", to,
                "areaId", "weiyang")), HoursWorld.DISPATCHER));
        reports.put("volunteer's hours", body(world, withPath(load("volunteer-hours.json"), "id", World.VOLUNTEER),
                HoursWorld.VOLUNTEER_LI));
        JsonNode listed = Json.read(body(world, withQuery(load("list-requests.json"), Map.of("limit", "20")),
                ApiEvents.resident(owner)));
        for (JsonNode item : listed.path("items")) {
            ((ObjectNode) item).remove(List.of("contactName", "contactPhone", "address", "timeline", "updatedAt",
                    "version"));
        }
        reports.put("resident's list", listed.toString());
        return reports;
    }

    private static String body(World world, APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        APIGatewayV2HTTPResponse response = call(world, event, claims);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response.getBody();
    }
}
