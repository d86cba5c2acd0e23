package diandan.notifier;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The settings routes on dynalite: defaults for someone who never chose, channels and phone set, accepted WeChat
 * templates counted one each, bad input refused with 422 and nothing changed; each person only their own.
 */
@ExtendWith(DynaliteExtension.class)
class NotificationSettingsHandlerTest {
    NotificationSettingsHandler handler;

    @BeforeEach
    void setUp(LocalTable table) {
        handler = new NotificationSettingsHandler(table.client(), table.name(),
                Clock.fixed(Instant.parse("2026-11-28T09:30:00Z"), ZoneOffset.UTC));
    }

    JsonNode ok(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.read(response.getBody());
    }

    @Test
    void someoneWhoNeverChoseGetsTheDefaults() throws Exception {
        JsonNode settings = ok(handler.handleRequest(as(ApiEvents.load("get-my-notifications.json"),
                resident("resident-never-chose")), null));
        assertTrue(settings.get("wechat").asBoolean());
        assertTrue(settings.get("sms").asBoolean());
        assertFalse(settings.get("wechatLinked").asBoolean());
        assertFalse(settings.has("phone"));
        assertEquals(0, settings.get("consents").get("accepted").asInt());
    }

    @Test
    void aVolunteersTokenLinksTheirLoginAndTheAnswerNamesTheVolunteer() throws Exception {
        var volunteer = ApiEvents.claims("u-v0042", "volunteer", null, null, "v0042");
        JsonNode read = ok(handler.handleRequest(as(ApiEvents.load("get-my-notifications.json"), volunteer), null));
        assertEquals("v0042", read.get("volunteerId").asText());
        JsonNode set = ok(handler.handleRequest(withBody(as(ApiEvents.load("put-my-notifications.json"), volunteer),
                "{\"wechat\":true,\"sms\":true,\"phone\":\"13900000042\"}"), null));
        assertEquals("v0042", set.get("volunteerId").asText());
        assertFalse(ok(handler.handleRequest(as(ApiEvents.load("get-my-notifications.json"),
                resident("resident-never-chose")), null)).has("volunteerId"), "a token naming no volunteer");
    }

    @Test
    void channelsPhoneAndAcceptedTemplatesAreTheCallersOwn() throws Exception {
        ok(handler.handleRequest(withBody(as(ApiEvents.load("put-my-notifications.json"), resident("resident-a")),
                "{\"wechat\":false,\"sms\":true,\"phone\":\"+86 139 0000 0001\"}"), null));
        ok(handler.handleRequest(as(ApiEvents.load("record-wechat-consents.json"), resident("resident-a")), null));
        JsonNode settings = ok(handler.handleRequest(withBody(as(ApiEvents.load("record-wechat-consents.json"),
                resident("resident-a")), "{\"templates\":[\"accepted\"]}"), null));

        assertFalse(settings.get("wechat").asBoolean());
        assertEquals("13900000001", settings.get("phone").asText());
        assertTrue(settings.get("wechatLinked").asBoolean());
        assertEquals(2, settings.get("consents").get("accepted").asInt());
        assertEquals(1, settings.get("consents").get("resolved").asInt());
        JsonNode someoneElse = ok(handler.handleRequest(as(ApiEvents.load("get-my-notifications.json"),
                resident("resident-b")), null));
        assertEquals(0, someoneElse.get("consents").get("accepted").asInt());
    }

    @Test
    void aSubjectNoStorageKeyTakesIsRefusedNotA500() {
        APIGatewayV2HTTPResponse longerThanOpenIdAllows = handler.handleRequest(as(
                ApiEvents.load("put-my-notifications.json"), resident("s".repeat(5000))), null);
        assertEquals(401, longerThanOpenIdAllows.getStatusCode(), longerThanOpenIdAllows.getBody());
        APIGatewayV2HTTPResponse longerThanSettingsKeep = handler.handleRequest(as(
                ApiEvents.load("put-my-notifications.json"), resident("s".repeat(200))), null);
        assertEquals(403, longerThanSettingsKeep.getStatusCode(), longerThanSettingsKeep.getBody());
    }

    @Test
    void badInputIs422AndChangesNothing() throws Exception {
        APIGatewayV2HTTPResponse badPhone = handler.handleRequest(withBody(as(ApiEvents.load("put-my-notifications.json"),
                resident("resident-c")), "{\"wechat\":true,\"sms\":true,\"phone\":\"12345\"}"), null);
        assertEquals(422, badPhone.getStatusCode(), badPhone.getBody());
        APIGatewayV2HTTPResponse unknownTemplate = handler.handleRequest(withBody(as(
                ApiEvents.load("record-wechat-consents.json"), resident("resident-c")),
                "{\"templates\":[\"accepted\",\"no_such\"]}"), null);
        assertEquals(422, unknownTemplate.getStatusCode(), unknownTemplate.getBody());
        APIGatewayV2HTTPResponse missing = handler.handleRequest(withBody(as(ApiEvents.load("put-my-notifications.json"),
                resident("resident-c")), "{\"sms\":true}"), null);
        assertEquals(422, missing.getStatusCode(), missing.getBody());
        JsonNode settings = ok(handler.handleRequest(as(ApiEvents.load("get-my-notifications.json"),
                resident("resident-c")), null));
        assertFalse(settings.has("phone"));
        assertEquals(0, settings.get("consents").get("accepted").asInt());
    }

    @Test
    void aRetriedConsentCallWithTheSameKeyCountsItsTemplatesOnce() throws Exception {
        var call = withHeader(as(ApiEvents.load("record-wechat-consents.json"), resident("resident-d")),
                "Idempotency-Key", "consents-1");
        ok(handler.handleRequest(call, null));
        JsonNode retried = ok(handler.handleRequest(call, null));
        assertEquals(1, retried.get("consents").get("accepted").asInt());
        assertEquals(1, retried.get("consents").get("resolved").asInt());

        JsonNode next = ok(handler.handleRequest(withHeader(as(ApiEvents.load("record-wechat-consents.json"),
                resident("resident-d")), "Idempotency-Key", "consents-2"), null));
        assertEquals(2, next.get("consents").get("accepted").asInt());
        APIGatewayV2HTTPResponse otherBody = handler.handleRequest(withBody(call, "{\"templates\":[\"escalated\"]}"),
                null);
        assertEquals(422, otherBody.getStatusCode(), otherBody.getBody());
        APIGatewayV2HTTPResponse badKey = handler.handleRequest(withHeader(call, "Idempotency-Key", "has space"),
                null);
        assertEquals(400, badKey.getStatusCode(), badKey.getBody());
        JsonNode settings = ok(handler.handleRequest(as(ApiEvents.load("get-my-notifications.json"),
                resident("resident-d")), null));
        assertEquals(2, settings.get("consents").get("accepted").asInt());
        assertEquals(0, settings.get("consents").get("escalated").asInt());
    }

    /**
     * A keyed call leaves its receipt in each count it raised; receipts are kept for a day
     * ({@code NotificationPreferences.RECEIPT_WINDOW}), so a person's count item holds the last day's calls, not
     * every call ever made: 30 calls over three days, each retried at once and once more within the day, count
     * 30; a retry after the day counts nothing either.
     */
    @Test
    void consentCallReceiptsAreKeptForADaySoThatTheCountsItemStaysSmallAndRetriesCountOnce(LocalTable table)
            throws Exception {
        Instant first = Instant.parse("2026-11-28T09:30:00Z");
        MutableClock clock = new MutableClock(first);
        NotificationSettingsHandler settings = new NotificationSettingsHandler(table.client(), table.name(), clock);
        java.util.function.IntFunction<APIGatewayV2HTTPEvent> call = i -> withHeader(as(ApiEvents.load(
                "record-wechat-consents.json"), resident("resident-e")), "Idempotency-Key", "call-" + i);
        for (int i = 0; i < 30; i++) {
            clock.set(first.plus(Duration.ofMinutes(150L * i)));
            ok(settings.handleRequest(call.apply(i), null));
            ok(settings.handleRequest(call.apply(i), null));
            if (i > 0) {
                ok(settings.handleRequest(call.apply(i - 1), null)); // 2.5 hours later: within the day
            }
        }
        assertEquals(30, ok(settings.handleRequest(call.apply(29), null)).get("consents").get("accepted").asInt());
        assertEquals(30, ok(settings.handleRequest(call.apply(0), null)).get("consents").get("accepted").asInt(),
                "a retry three days late counts nothing");

        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(Map.of(
                "pk", AttributeValue.fromS("NOTIFY#resident-e"), "sk", AttributeValue.fromS("CONSENT#accepted"))))
                .item();
        int receipts = item.get("calls").ss().size();
        assertTrue(receipts <= 11, "the calls of the last day (one every 2.5 hours) and no more: " + receipts);
    }
}
