package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.crypto.IdentityKeys;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Volunteer;
import diandan.domain.identity.IdentityDocument;

/**
 * The certificate carries every field the rules on service records require, and only the organisation that
 * recorded the hours issues it (谁记录谁证明).
 */
@ExtendWith(DynaliteExtension.class)
class CertificateRecordFieldsTest {
    /** Built so that no output ever shows it whole. */
    private static final String RESIDENT_ID = "11010519491231002" + "X";
    private static HoursWorld world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        new DynamoRegistryRepository(table.client(), table.name()).putVolunteer(new Volunteer("v-li", "李晓梅",
                "13912345678", "3201050012345", IdentityKeys.fromEnvironment(table.client(), table.name()).get()
                        .protect(IdentityDocument.parse("resident_id", RESIDENT_ID).orElseThrow())));
        ok(200, world.certify(world.pendingRecord("v-li", 2.5), LEADER));
    }

    private static APIGatewayV2HTTPResponse putIssuer(String body, Map<String, String> claims) {
        return world.call(withBody(ApiEvents.load("put-certificate-issuer.json"), body), claims);
    }

    private static APIGatewayV2HTTPEvent certificate(String accept) {
        return withHeader(withPath(ApiEvents.load("volunteer-certificate.json"), "id", "v-li"), "Accept", accept);
    }

    @Test
    void theCertificateShowsEveryRequiredFieldAndTheIdentityNumberMasked() {
        ok(200, putIssuer("{\"organisation\": \"渭城区志愿服务联合会\", \"personInCharge\": \"赵德明\", "
                + "\"handler\": \"钱小红\", \"contact\": \"029-33221100\"}", ADMIN));
        JsonNode json = ok(200, world.call(certificate("application/json"), VOLUNTEER_LI));
        assertTrue(json.get("certificateNumber").asText().startsWith("ZYSC-"));
        assertEquals("渭城区志愿服务联合会", json.get("issuer").asText());
        assertEquals("weicheng", json.get("issuerDistrictId").asText());
        assertEquals("赵德明", json.get("personInCharge").asText());
        assertEquals("钱小红", json.get("handler").asText());
        assertEquals("029-33221100", json.get("contact").asText());
        assertEquals("2026-11-28", json.get("issuedOn").asText());
        assertTrue(json.has("remarks"));
        assertEquals("3201050012345", json.get("volunteer").get("volunteerNumber").asText());
        assertEquals("resident_id", json.get("volunteer").get("identity").get("type").asText());
        assertEquals("1101**********002X", json.get("volunteer").get("identity").get("number").asText(),
                "masked on the certificate, even for the volunteer: it is a document handed to others");

        String page = world.call(certificate("text/html"), VOLUNTEER_LI).getBody();
        for (String field : new String[] {json.get("certificateNumber").asText(), "出具单位：渭城区志愿服务联合会",
                "负责人：赵德明", "经办人：钱小红", "联系方式：029-33221100", "志愿者编号：3201050012345",
                "身份证：1101**********002X", "备注："}) {
            assertTrue(page.contains(field), field);
        }
        assertFalse(page.contains(RESIDENT_ID));
    }

    @Test
    void onlyTheOrganisationThatRecordedTheHoursIssuesTheCertificate() {
        APIGatewayV2HTTPResponse other = world.call(withQuery(certificate("application/json"),
                Map.of("districtId", "qindu")), VOLUNTEER_LI);
        assertEquals(422, other.getStatusCode(), "qindu recorded none of v-li's hours");
        assertEquals("districtId", ok(422, other).get("errors").get(0).get("field").asText());
        assertEquals("weicheng", ok(200, world.call(withQuery(certificate("application/json"),
                Map.of("districtId", "weicheng")), VOLUNTEER_LI)).get("issuerDistrictId").asText());
    }

    @Test
    void theExportCarriesTheNationalColumnsWithTheWholeNumberForAdminsOnly() {
        Map<String, String> period = Map.of("from", "2026-11-01", "to", "2026-11-28", "areaId", "weicheng");
        String byAdmin = world.call(withQuery(ApiEvents.load("export-hours.json"), period), ADMIN).getBody();
        String[] lines = byAdmin.split("\r\n");
        assertTrue(lines[0].endsWith(",全国志愿者编号,证件类型,证件号码"), lines[0]);
        String liLine = java.util.Arrays.stream(lines).filter(l -> l.contains(",v-li,")).findFirst().orElseThrow();
        assertTrue(liLine.endsWith(",3201050012345,身份证," + RESIDENT_ID), "admins export what the national system imports");
        String byDispatcher = world.call(withQuery(ApiEvents.load("export-hours.json"), Map.of("from", "2026-11-01",
                "to", "2026-11-28", "areaId", "weiyang")), HoursWorld.DISPATCHER).getBody();
        assertFalse(byDispatcher.contains(RESIDENT_ID));
        assertTrue(byDispatcher.contains(",3201050012345,身份证,1101**********002X"));
    }

    @Test
    void theIssuerIsSetByTheDistrictsAdminsOnly() {
        assertEquals(403, putIssuer("{\"organisation\": \"某中心\"}", LEADER).getStatusCode());
        assertEquals(403, putIssuer("{\"organisation\": \"某中心\"}", ApiEvents.admin("admin-qindu", "qindu"))
                .getStatusCode());
        assertEquals(422, putIssuer("{\"organisation\": \"\"}", ADMIN).getStatusCode());
        assertEquals(404, world.call(withPath(withBody(ApiEvents.load("put-certificate-issuer.json"),
                "{\"organisation\": \"某中心\"}"), "id", "xinbei"), ADMIN).getStatusCode(), "a community is no district");
        JsonNode read = ok(200, world.call(ApiEvents.load("get-certificate-issuer.json"), VOLUNTEER_LI));
        assertEquals("weicheng", read.get("districtId").asText());
    }
}
