package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.json.Json;
import diandan.app.hours.HoursExport;
import diandan.domain.AreaPath;
import diandan.domain.hours.Capture;
import diandan.domain.hours.Certificate;
import diandan.domain.records.CertificateIssuer;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;

/** The CSV export, the printable certificate and the stream events: what leaves and enters as text. */
class HoursDocumentsTest {
    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertEquals("plain", HoursCsv.field("plain"));
        assertEquals("\"a,b\"", HoursCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", HoursCsv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", HoursCsv.field("two\nlines"));
        assertEquals("'=HYPERLINK(1)", HoursCsv.field("=HYPERLINK(1)"));
        assertEquals("'+1", HoursCsv.field("+1"));
        assertEquals("'-1", HoursCsv.field("-1"));
        assertEquals("'@SUM(A1)", HoursCsv.field("@SUM(A1)"));
    }

    @Test
    void theExportStartsWithAByteOrderMarkAndEndsLinesWithCrLf() {
        HoursRecord record = new HoursRecord("h1", "h1", "v-li", "team-care", "助老, 服务队", new Source(SourceType.ACTIVITY, "a1"),
                "=cmd", "elderly_care", new AreaPath("xinbei", "weiyang", "weicheng"), 5, LocalDate.parse("2026-11-21"),
                null, null, RecordStatus.CERTIFIED, null, List.of(), null, List.of(), "leader", Instant.EPOCH,
                "dispatcher", Instant.parse("2026-11-22T01:00:00Z"), null, null, null, 2, Capture.MANUAL);
        String csv = HoursCsv.write(List.of(new HoursExport.Row(record, "李晓梅", null, null, null)));
        assertTrue(csv.startsWith("\uFEFF记录编号,"));
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length);
        assertEquals("h1,v-li,李晓梅,2026-11-21,2.5,'=cmd,elderly_care,\"助老, 服务队\",team-care,xinbei,weiyang,activity,a1,"
                + "dispatcher,2026-11-22T01:00:00Z,,,", lines[1]);
        assertEquals(HoursCsv.HEADER.size(), lines[0].split(",").length);
    }

    @Test
    void theCertificatePageEscapesWhatUsersTyped() {
        Certificate certificate = new Certificate("ZYSC-20261128-ABCDEFGH", LocalDate.parse("2026-11-28"),
                CertificateIssuer.standard("weicheng", "渭城区"), "v-li", "<script>alert(1)</script>", "139****5678",
                null, null, null, 5, 2, "", List.of(new Certificate.Service("h1", LocalDate.parse("2026-11-21"), "陪伴 & \"读报\"", 5, "队<1>",
                        Capture.MANUAL)));
        String page = CertificatePage.render(certificate);
        assertFalse(page.contains("<script>"));
        assertTrue(page.contains("&lt;script&gt;"));
        assertTrue(page.contains("陪伴 &amp; &quot;读报&quot;"));
        assertTrue(page.contains("队&lt;1&gt;"));
        assertTrue(page.contains("<meta charset=\"utf-8\">"));
        assertTrue(page.contains("2.5"));
        assertTrue(page.contains("ZYSC-20261128-ABCDEFGH"));
        assertTrue(page.contains("星级：★★（2 星级志愿者）"));
    }

    @Test
    void streamEventsAreToldApartAndClaimListsFlattenedAsApiGatewayDoes() throws Exception {
        assertTrue(LambdaEvents.isSchedule(Json.read("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\"}")));
        assertFalse(LambdaEvents.isHttp(Json.read("{\"detail-type\":\"Scheduled Event\"}")));
        APIGatewayV2HTTPEvent event = LambdaEvents.http(Json.read("{\"routeKey\":\"GET /tallies\","
                + "\"headers\":{\"accept\":\"text/html\"},\"queryStringParameters\":{\"scope\":\"team\"},"
                + "\"requestContext\":{\"requestId\":\"r1\",\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"s\","
                + "\"cognito:groups\":[\"team_leader\",\"volunteer\"],\"custom:team_id\":\"t1\"}}}}}"));
        assertEquals("GET /tallies", event.getRouteKey());
        assertEquals("[team_leader volunteer]", event.getRequestContext().getAuthorizer().getJwt().getClaims().get("cognito:groups"));
        assertEquals("team", event.getQueryStringParameters().get("scope"));
        assertNull(event.getBody());
        assertNull(event.getPathParameters());
        APIGatewayV2HTTPResponse response = ApiResponses.text(200, "text/csv", "a,b", java.util.Map.of("X", "y"));
        assertEquals("text/csv; charset=utf-8", LambdaEvents.response(response).at("/headers/Content-Type").asText());
    }
}
