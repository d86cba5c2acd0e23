package diandan.hours;

import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.CARE;
import static diandan.hours.HoursWorld.CO_LEADER;
import static diandan.hours.HoursWorld.DISPATCHER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.json;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.app.hours.HoursRollup;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.hours.SourceType;

/**
 * The walk-through of docs/hours.md as a test, on a table of its own: a resolved request, hours recorded and
 * certified, the rollup, tallies and a leaderboard, the certificate as JSON and as a page, the CSV export.
 */
@ExtendWith(DynaliteExtension.class)
class HoursWalkThroughTest {
    static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
    }

    @Test
    void fromAResolvedRequestToTalliesACertificateAndAnExport() throws Exception {
        String request = world.resolvedRequest();
        JsonNode recorded = ok(201, world.record(LEADER, SourceType.REQUEST, request,
                "[{\"volunteerId\":\"v-li\",\"hours\":2.5,\"date\":\"2026-11-28\",\"role\":\"上门代购\"},"
                        + "{\"volunteerId\":\"v-wang\",\"hours\":2,\"date\":\"2026-11-28\"}]"));
        JsonNode li = recorded.at("/items/0");
        assertEquals("pending", li.get("status").asText());
        assertEquals("v-li", li.get("volunteerId").asText());
        assertEquals(CARE, li.get("teamId").asText());
        assertEquals("request", li.at("/source/type").asText());
        assertEquals(request, li.at("/source/id").asText());
        assertEquals("2.5", li.get("hours").asText());
        assertEquals("2026-11-28", li.get("date").asText());
        assertEquals("xinbei", li.get("communityId").asText());
        assertEquals("敬老助残", li.get("content").asText());

        // pending hours count nowhere yet
        assertEquals(0, world.rollup().records());
        assertEquals("0", world.tallyOf("volunteer", "v-li", "all").get("hours").asText());

        ok(200, world.certify(li.get("id").asText(), DISPATCHER));
        JsonNode certified = ok(200, world.certify(recorded.at("/items/1/id").asText(), CO_LEADER));
        assertEquals("certified", certified.get("status").asText());
        assertEquals("leader-sun", certified.get("certifiedBy").asText());

        // fresh for the volunteer at once; the tallies after the rollup
        JsonNode own = ok(200, world.call(ApiEvents.withPath(ApiEvents.load("volunteer-hours.json"), "id", "v-li"),
                VOLUNTEER_LI));
        assertEquals("2.5", own.get("certifiedHours").asText());
        assertEquals(1, own.get("certifiedRecords").asInt());
        HoursRollup.Report report = world.rollup();
        assertEquals(2, report.records());
        assertEquals(1, report.batches());
        assertEquals(HoursRollup.Report.didRun(0, 0, 0), world.rollup(), "nothing new: nothing done");

        JsonNode street = ok(200, world.call(ApiEvents.load("get-tally.json"), VOLUNTEER_LI));
        assertEquals("street", street.get("scope").asText());
        assertEquals("weiyang", street.get("id").asText());
        assertEquals("2026-11", street.get("period").asText());
        assertEquals("4.5", street.get("hours").asText());
        assertEquals(2, street.get("records").asInt());
        assertEquals("2.5", world.tallyOf("volunteer", "v-li", "2026").get("hours").asText());
        assertEquals("4.5", world.tallyOf("team", CARE, "all").get("hours").asText());
        assertEquals("4.5", world.tallyOf("category", "elderly_care", "2026-11").get("hours").asText());
        assertEquals(2, world.tallyOf("community", "xinbei", "all").get("records").asInt());
        assertEquals(2, world.tallyOf("district", "weicheng", "2026").get("records").asInt());

        JsonNode board = ok(200, world.call(ApiEvents.load("get-leaderboard.json"), VOLUNTEER_LI));
        assertEquals("v-li", board.at("/items/0/id").asText());
        assertEquals(1, board.at("/items/0/rank").asInt());
        assertEquals("v-wang", board.at("/items/1/id").asText());
        assertEquals("2", board.at("/items/1/hours").asText());

        JsonNode certificate = ok(200, world.call(withHeader(withPath(ApiEvents.load("volunteer-certificate.json"), "id", "v-li"),
                "Accept", "application/json"), VOLUNTEER_LI));
        assertEquals("李晓梅", certificate.at("/volunteer/name").asText());
        assertEquals("139****5678", certificate.at("/volunteer/phone").asText());
        assertEquals("2.5", certificate.get("totalHours").asText());
        assertEquals("2026-11-28", certificate.at("/services/0/date").asText());
        assertEquals("新北社区助老服务队", certificate.at("/services/0/organiser").asText());
        assertEquals("渭城区新时代文明实践中心", certificate.get("issuer").asText());
        assertTrue(certificate.get("certificateNumber").asText().startsWith("ZYSC-20261128-"));

        APIGatewayV2HTTPResponse page = world.call(withPath(ApiEvents.load("volunteer-certificate.json"), "id", "v-li"),
                VOLUNTEER_LI);
        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeaders().get("Content-Type"));
        assertTrue(page.getBody().contains("志愿服务记录证明"));
        assertTrue(page.getBody().contains("李晓梅"));
        assertFalse(page.getBody().contains("13912345678"), "the phone is masked");

        APIGatewayV2HTTPResponse csv = world.call(ApiEvents.load("export-hours.json"), DISPATCHER);
        assertEquals(200, csv.getStatusCode(), csv.getBody());
        assertEquals("text/csv; charset=utf-8", csv.getHeaders().get("Content-Type"));
        assertTrue(csv.getBody().startsWith("\uFEFF记录编号,志愿者编号,志愿者姓名"), csv.getBody());
        assertTrue(csv.getBody().contains(",v-li,李晓梅,2026-11-28,2.5,敬老助残,elderly_care,新北社区助老服务队,"));
        assertEquals(3, csv.getBody().split("\r\n").length);
    }
}
