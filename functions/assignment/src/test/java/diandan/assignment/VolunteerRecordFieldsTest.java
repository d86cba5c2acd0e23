package diandan.assignment;

import static diandan.assignment.Desk.event;
import static diandan.assignment.Desk.json;
import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The national record fields on the volunteer routes: who sees the identity number whole, and what is refused. */
@ExtendWith(DynaliteExtension.class)
class VolunteerRecordFieldsTest {
    /** A resident id with a valid GB 11643 check character, built so that no test output ever shows it. */
    private static final String RESIDENT_ID = "11010519491231002" + "X";
    private static final String MASKED = "1101**********002X";
    static Desk desk;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
    }

    private static APIGatewayV2HTTPEvent register(String key, String extraFields) {
        return withHeader(withBody(event("create-volunteer.json", null), "{\"name\": \"周建国\", \"phone\": \"13991230000\", "
                + "\"teamIds\": [\"xinbei-juandilv\"]" + extraFields + "}"), "Idempotency-Key", key);
    }

    private static String identity(String type, String number) {
        return ", \"volunteerNumber\": \"3201050012345\", \"identity\": {\"type\": \"" + type + "\", \"number\": \"" + number + "\"}";
    }

    private static APIGatewayV2HTTPEvent read(String id, Map<String, String> claims) {
        return as(withPath(event("get-volunteer.json", null), "id", id), claims);
    }

    @Test
    void theIdentityNumberIsWholeForAdminsAndTheVolunteerAndMaskedForTheirLeader() {
        APIGatewayV2HTTPResponse created = desk.call(register("vol-zhou-1", identity("resident_id", RESIDENT_ID.toLowerCase())));
        assertEquals(201, created.getStatusCode());
        JsonNode body = json(created);
        String id = body.get("id").asText();
        assertEquals("3201050012345", body.get("volunteerNumber").asText());
        assertEquals("resident_id", body.get("identity").get("type").asText());
        assertEquals(RESIDENT_ID, body.get("identity").get("number").asText(), "the admin who registered them");

        JsonNode own = json(desk.call(read(id, ApiEvents.claims("u-zhou", "volunteer", null, null, id))));
        assertEquals(RESIDENT_ID, own.get("identity").get("number").asText(), "the volunteer themself");
        JsonNode byLeader = json(desk.call(read(id, ApiEvents.leader("leader-1", "xinbei-juandilv"))));
        assertEquals(MASKED, byLeader.get("identity").get("number").asText(), "their leader sees the phone, not the number");
        assertEquals("3201050012345", byLeader.get("volunteerNumber").asText());

        Map<String, AttributeValue> item = desk.table.client().getItem(b -> b.tableName(desk.table.name())
                .key(Map.of("pk", AttributeValue.fromS("VOLUNTEER#" + id), "sk", AttributeValue.fromS("VOLUNTEER")))).item();
        assertFalse(item.toString().contains(RESIDENT_ID), "a table dump shows the masked number only");

        APIGatewayV2HTTPResponse replayed = desk.call(register("vol-zhou-1", identity("resident_id", RESIDENT_ID)));
        assertEquals(200, replayed.getStatusCode(), "the same document under the same key is the same volunteer");
        assertEquals(422, desk.call(register("vol-zhou-1", identity("passport", "G12345678"))).getStatusCode(),
                "another document under the same key is another volunteer");
    }

    @Test
    void aVolunteerRegisteredWithoutTheRecordFieldsHasNone() {
        JsonNode body = json(desk.call(register("vol-zhou-2", "")));
        assertNull(body.get("volunteerNumber"));
        assertNull(body.get("identity"));
    }

    @Test
    void badRecordFieldsAreRefusedClearlyWithoutRepeatingTheNumber() {
        String wrongCheck = "110105194912310021";
        APIGatewayV2HTTPResponse refused = desk.call(register("vol-zhou-3", identity("resident_id", wrongCheck)));
        assertEquals(422, refused.getStatusCode());
        assertEquals("application/problem+json", refused.getHeaders().get("Content-Type"));
        assertEquals("identity.number", json(refused).get("errors").get(0).get("field").asText());
        assertFalse(refused.getBody().contains(wrongCheck), "the refusal does not repeat the number");
        assertEquals("identity.type", json(desk.call(register("vol-zhou-3", identity("driving_licence", "E12345678"))))
                .get("errors").get(0).get("field").asText());
        assertEquals("volunteerNumber", json(desk.call(register("vol-zhou-3",
                ", \"volunteerNumber\": \"12 34\""))).get("errors").get(0).get("field").asText());
        assertEquals(400, desk.call(register("vol-zhou-3", ", \"identity\": \"" + RESIDENT_ID + "\"")).getStatusCode());
        assertEquals(422, desk.call(register("vol-zhou-3", ", \"identity\": {\"type\": \"passport\"}")).getStatusCode(),
                "a document without its number");
        assertEquals(201, desk.call(register("vol-zhou-3", identity("passport", "E12345678"))).getStatusCode(),
                "nothing was stored by the refusals");
    }
}
