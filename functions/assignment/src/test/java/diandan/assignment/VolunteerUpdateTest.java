package diandan.assignment;

import static diandan.assignment.Desk.event;
import static diandan.assignment.Desk.json;
import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.crypto.IdentityKeys;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Ids;
import diandan.domain.identity.IdentityClaim;
import diandan.domain.identity.IdentityDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code PUT /volunteers/{id}}: the record fields change under registration's rules and a version, and an identity
 * document registers one volunteer, on registration and update alike.
 */
@ExtendWith(DynaliteExtension.class)
class VolunteerUpdateTest {
    static Desk desk;

    @BeforeAll
    static void setUp(LocalTable table) {
        desk = new Desk(table);
    }

    static APIGatewayV2HTTPEvent update(String id, String ifMatch, String body) {
        APIGatewayV2HTTPEvent event = withBody(event("put-volunteer.json", id), body);
        return ifMatch == null ? event : withHeader(event, "If-Match", "\"" + ifMatch + "\"");
    }

    static String changed(String name, String passport) {
        return "{\"name\": \"" + name + "\", \"phone\": \"13991230001\", \"volunteerNumber\": \"3201050012345\""
                + identity(passport) + "}";
    }

    static APIGatewayV2HTTPEvent registration(String key, String passport) {
        return withHeader(withBody(event("create-volunteer.json", null), "{\"name\": \"周建国\", \"phone\": "
                + "\"13991230000\", \"teamIds\": [\"xinbei-juandilv\"]" + identity(passport) + "}"), "Idempotency-Key", key);
    }

    private static APIGatewayV2HTTPResponse register(String key, String passport) {
        return desk.call(registration(key, passport));
    }

    private static String identity(String passport) {
        return passport == null ? "" : ", \"identity\": {\"type\": \"passport\", \"number\": \"" + passport + "\"}";
    }

    private static String idOf(APIGatewayV2HTTPResponse response) {
        return json(response).get("id").asText();
    }

    private static Map<String, AttributeValue> item(String id) {
        return desk.table.client().getItem(b -> b.tableName(desk.table.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("VOLUNTEER#" + id), "sk", AttributeValue.fromS("VOLUNTEER")))).item();
    }

    @Test
    void anAdminChangesTheRecordFieldsUnderAVersionAndOthersSeeTheNumberMasked() {
        String id = idOf(register("upd-1", null));
        APIGatewayV2HTTPResponse updated = desk.call(update(id, "1", changed("周建民", "E20000001")));
        assertEquals(200, updated.getStatusCode(), updated.getBody());
        assertEquals("\"2\"", updated.getHeaders().get("ETag"));
        JsonNode body = json(updated);
        assertEquals("周建民", body.get("name").asText());
        assertEquals("3201050012345", body.get("volunteerNumber").asText());
        assertEquals("E20000001", body.get("identity").get("number").asText(), "whole for the admin");
        assertEquals(List.of("xinbei-juandilv"), List.of(body.get("teamIds").get(0).asText()), "teams kept");

        APIGatewayV2HTTPResponse read = desk.call(as(withPath(event("get-volunteer.json", null), "id", id),
                ApiEvents.leader("leader-1", "xinbei-juandilv")));
        assertEquals("E2*****01", json(read).get("identity").get("number").asText(), "masked for their leader");
        assertEquals("\"2\"", read.getHeaders().get("ETag"));
        assertFalse(item(id).toString().contains("E20000001"), "sealed and hashed, never stored whole");
    }

    @Test
    void anUnknownVolunteerIs404AndBadInputOrAStaleVersionChangesNothing() {
        APIGatewayV2HTTPResponse unknown = desk.call(update("v-nobody", null, changed("周建民", null)));
        assertEquals(404, unknown.getStatusCode());
        assertEquals("application/problem+json", unknown.getHeaders().get("Content-Type"));
        String id = idOf(register("upd-2", "E20000002"));
        Map<String, AttributeValue> before = item(id);

        APIGatewayV2HTTPResponse bad = desk.call(update(id, null, "{\"name\": \"周建民\", \"phone\": \"13991230001\", "
                + "\"identity\": {\"type\": \"passport\", \"number\": \"e-2\"}}"));
        assertEquals(422, bad.getStatusCode());
        assertEquals("identity.number", json(bad).get("errors").get(0).get("field").asText());
        assertEquals(400, desk.call(update(id, null, "{\"name\": \"周建民\", \"teamIds\": []}")).getStatusCode(),
                "teams are the teams' to change");
        assertEquals(200, desk.call(update(id, "1", changed("周建民", "E20000002"))).getStatusCode());
        Map<String, AttributeValue> second = item(id);
        assertEquals(before.get("idSealed"), second.get("idSealed"), "an unchanged document keeps its sealed form");
        APIGatewayV2HTTPResponse stale = desk.call(update(id, "1", changed("周建华", "E20000002")));
        assertEquals(409, stale.getStatusCode());
        assertEquals(second, item(id));
    }

    @Test
    void aDocumentRegistersOneVolunteerAndAChangedNumberFreesTheOldOne() {
        String first = idOf(register("upd-4a", "E20000004"));
        APIGatewayV2HTTPResponse twice = register("upd-4b", "E20000004");
        assertEquals(409, twice.getStatusCode());
        assertEquals("application/problem+json", twice.getHeaders().get("Content-Type"));
        assertFalse(twice.getBody().contains("E20000004"), "the refusal does not repeat the number");
        assertTrue(desk.wiring.registryStore.findVolunteer(Ids.derivedId("v", "admin-li", "upd-4b")).isEmpty());

        String other = idOf(register("upd-4c", null));
        assertEquals(409, desk.call(update(other, null, changed("周建民", "E20000004"))).getStatusCode());
        assertEquals(1, json(desk.call(withPath(event("get-volunteer.json", null), "id", other))).get("version").asInt());

        assertEquals(200, desk.call(update(first, null, changed("周建国", "E20000044"))).getStatusCode());
        assertEquals(201, register("upd-4d", "E20000004").getStatusCode(), "the old number was released");
        assertEquals(409, register("upd-4e", "E20000044").getStatusCode(), "the new one is taken");
        assertEquals(200, desk.call(update(first, null, changed("周建国", null))).getStatusCode());
        assertEquals(201, register("upd-4e", "E20000044").getStatusCode(), "a document left out is released");
    }

    @Test
    void aClaimLeftByAFailedAttemptIsTakenUpByItsRetryAndByOthersAfterTheLease() {
        IdentityDocument passport = IdentityDocument.parse("passport", "E20000005").orElseThrow();
        String hash = IdentityKeys.fromEnvironment(desk.table.client(), desk.table.name()).get().lookupHash(passport);
        // the claim written, the volunteer not: a registration under key upd-5a that failed in between
        String retried = Ids.derivedId("v", "admin-li", "upd-5a");
        desk.wiring.registryStore.claimIdentity(new IdentityClaim(hash, retried, desk.clock.instant(), "t-1"));
        assertEquals(201, register("upd-5a", "E20000005").getStatusCode(), "its retry takes its claim up again");

        IdentityDocument other = IdentityDocument.parse("passport", "E20000055").orElseThrow();
        String otherHash = IdentityKeys.fromEnvironment(desk.table.client(), desk.table.name()).get().lookupHash(other);
        desk.wiring.registryStore.claimIdentity(new IdentityClaim(otherHash, "v-failed", desk.clock.instant(), "t-2"));
        assertEquals(409, register("upd-5b", "E20000055").getStatusCode(), "maybe a registration under way");
        desk.clock.advance(IdentityClaim.LEASE.plus(Duration.ofSeconds(1)));
        assertEquals(201, register("upd-5b", "E20000055").getStatusCode(), "a leftover once its call surely ended");
    }
}
