package diandan.hours;

import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.DISPATCHER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.VOLUNTEER_WANG;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * Merchants, their items and redemptions through the routes: the area's admins keep the merchant, a volunteer
 * redeems their own points from the rule's star level on, once per Idempotency-Key, with a receipt; too few points
 * or no stock refuse and change nothing; the area's admins confirm the hand-over with the receipt's code; the
 * volunteer and admins read the ledger. Certified hours and tallies never move.
 */
@ExtendWith(DynaliteExtension.class)
class RedemptionRoutesTest {
    static final Map<String, String> AREA_ADMIN = ApiEvents.admin("admin-weicheng", "weicheng");
    static final Map<String, String> FAR_ADMIN = ApiEvents.admin("admin-wenhuilu", "wenhuilu");
    private static HoursWorld world;
    private static String merchant;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        ok(200, world.call(withBody(ApiEvents.load("put-star-levels.json"), "{\"thresholds\":[10]}"), ADMIN));
        ok(200, world.call(withBody(ApiEvents.load("put-points-rule.json"),
                "{\"pointsPerHour\":1,\"cap\":1000,\"fromLevel\":1}"), ADMIN));
        assertEquals(403, createMerchant(FAR_ADMIN, "xinbei").getStatusCode(), "xinbei is not wenhuilu's");
        assertEquals(403, createMerchant(VOLUNTEER_WANG, "xinbei").getStatusCode());
        assertEquals(422, createMerchant(ADMIN, "nowhere").getStatusCode());
        merchant = ok(201, createMerchant(AREA_ADMIN, "xinbei")).get("id").asText();
        String record = world.pendingRecord("v-wang", 14);
        ok(200, world.certify(record, LEADER));
        world.rollup(); // 14 h: 1 star, 14 points
    }

    @Test
    void aRedemptionTakesPointsAndStockOnceAndAnswersItsReceiptToEveryReplay() {
        ok(200, putItem("soap", "{\"name\":\"洗衣皂\",\"points\":5,\"stock\":2}", AREA_ADMIN));
        assertEquals(403, putItem("soap", "{\"name\":\"洗衣皂\",\"points\":5,\"stock\":9}", FAR_ADMIN).getStatusCode());
        assertEquals(422, putItem("soap", "{\"name\":\"洗衣皂\",\"points\":0,\"stock\":2}", AREA_ADMIN).getStatusCode());
        String hoursBefore = world.tallyOf("volunteer", "v-wang", "all").toString();
        long before = balance("v-wang"); // 14, less at most 4 the other tests spend

        String key = UUID.randomUUID().toString();
        JsonNode receipt = ok(201, redeem("soap", key, VOLUNTEER_WANG));
        assertEquals(List.of("id", "code", "merchantId", "itemId", "item", "points", "at", "state"),
                fields(receipt).subList(0, 8));
        assertEquals(5, receipt.get("points").asLong());
        assertEquals(receipt, ok(201, redeem("soap", key, VOLUNTEER_WANG)), "a replay answers the same receipt");
        assertEquals(422, redeem("other", key, VOLUNTEER_WANG).getStatusCode(), "a key names one redemption");
        assertEquals(before - 5, balance("v-wang"));
        assertEquals(1, stock("soap"));
        assertEquals(hoursBefore, world.tallyOf("volunteer", "v-wang", "all").toString(), "hours never move");

        ok(201, redeem("soap", UUID.randomUUID().toString(), VOLUNTEER_WANG));
        String refused = UUID.randomUUID().toString();
        assertEquals(409, redeem("soap", refused, VOLUNTEER_WANG).getStatusCode(), "too few points");
        assertEquals(409, redeem("soap", refused, VOLUNTEER_WANG).getStatusCode(), "and so on every replay");
        assertEquals(before - 10, balance("v-wang"));
        assertEquals(0, stock("soap"));
        TallyAudit.assertTalliesMatchRecords(world.table);
    }

    @Test
    void onlyAVolunteerRedeemsTheirOwnFromTheStarLevelAndAnEmptyShelfRefundsThePoints() {
        ok(200, putItem("tea", "{\"name\":\"茶叶\",\"points\":1,\"stock\":0}", AREA_ADMIN));
        ok(200, putItem("pen", "{\"name\":\"钢笔\",\"points\":1,\"stock\":5}", AREA_ADMIN));
        assertEquals(403, redeem("pen", "k1", VOLUNTEER_LI).getStatusCode(), "v-li holds no star");
        assertEquals(403, redeem("pen", "k2", AREA_ADMIN).getStatusCode());
        assertEquals(403, redeem("pen", "k3", LEADER).getStatusCode(), "a leader's token names v-chen, who has none");
        APIGatewayV2HTTPEvent keyless = withBody(ApiEvents.load("create-redemption.json"),
                "{\"merchantId\":\"" + merchant + "\",\"itemId\":\"pen\"}");
        keyless.getHeaders().remove("idempotency-key");
        assertEquals(400, world.call(keyless, VOLUNTEER_WANG).getStatusCode(),
                "without the header a retry could not be told from a second redemption");
        assertEquals(404, redeem("nothing", "k4", VOLUNTEER_WANG).getStatusCode());
        assertEquals(404, redeem("x".repeat(2_000), "k5", VOLUNTEER_WANG).getStatusCode(),
                "an item id no item can have is not looked up: it is longer than the store's keys");

        long before = balance("v-wang");
        assertEquals(409, redeem("tea", UUID.randomUUID().toString(), VOLUNTEER_WANG).getStatusCode());
        assertEquals(before, balance("v-wang"), "the points are given back");
        assertEquals(0, stock("tea"));
    }

    @Test
    void theAreasAdminsConfirmTheHandOverWithTheReceiptsCodeOnce() {
        ok(200, putItem("cup", "{\"name\":\"水杯\",\"points\":1,\"stock\":3}", AREA_ADMIN));
        JsonNode receipt = ok(201, redeem("cup", UUID.randomUUID().toString(), VOLUNTEER_WANG));
        String id = receipt.get("id").asText();
        String code = receipt.get("code").asText();
        assertEquals(403, handOver(id, code, VOLUNTEER_WANG).getStatusCode());
        assertEquals(403, handOver(id, code, FAR_ADMIN).getStatusCode());
        assertEquals(422, handOver(id, "000000".equals(code) ? "111111" : "000000", AREA_ADMIN).getStatusCode());
        JsonNode handed = ok(200, handOver(id, code, AREA_ADMIN));
        assertEquals("admin-weicheng", handed.get("handedOverBy").asText());
        assertEquals(409, handOver(id, code, ADMIN).getStatusCode(), "once");
        assertEquals(404, handOver("rd-none", code, ADMIN).getStatusCode());
    }

    @Test
    void theReceiptIsReadByTheVolunteerTheMerchantsAdminsAndTheLedgersReadersTheCodeByTheVolunteerAlone() {
        ok(200, putItem("mug", "{\"name\":\"马克杯\",\"points\":1,\"stock\":3}", AREA_ADMIN));
        JsonNode receipt = ok(201, redeem("mug", UUID.randomUUID().toString(), VOLUNTEER_WANG));
        String id = receipt.get("id").asText();
        JsonNode mine = ok(200, redemption(id, VOLUNTEER_WANG));
        assertEquals(receipt.get("code"), mine.get("code"));
        assertEquals("done", mine.get("state").asText());
        assertEquals("马克杯", mine.get("item").asText());
        assertFalse(mine.get("handedOver").asBoolean());
        JsonNode merchants = ok(200, redemption(id, AREA_ADMIN));
        assertFalse(merchants.has("code"), "the code is the volunteer's to show");
        assertEquals(1, merchants.get("points").asLong());
        assertFalse(ok(200, redemption(id, ADMIN)).has("code"), "an admin over the volunteer's team");
        ok(200, handOver(id, receipt.get("code").asText(), AREA_ADMIN));
        assertTrue(ok(200, redemption(id, VOLUNTEER_WANG)).get("handedOver").asBoolean());
        assertFalse(ok(200, redemption(id, FAR_ADMIN)).has("code"), "an admin of the volunteer's district");
        for (Map<String, String> stranger : List.of(VOLUNTEER_LI, ApiEvents.admin("admin-qindu", "qindu"), DISPATCHER,
                LEADER)) {
            APIGatewayV2HTTPResponse none = redemption(id, stranger);
            assertEquals(404, none.getStatusCode(), "not told it exists: " + stranger);
            assertEquals(redemption("rdnone0000000000000000000", stranger).getBody()
                    .replace("rdnone0000000000000000000", id), none.getBody());
        }
        assertEquals(404, redemption("../x", ADMIN).getStatusCode());
    }

    @Test
    void theLedgerIsTheVolunteersAndTheAdminsPagedNewestFirst() {
        ok(200, putItem("bag", "{\"name\":\"布袋\",\"points\":1,\"stock\":3}", AREA_ADMIN));
        ok(201, redeem("bag", UUID.randomUUID().toString(), VOLUNTEER_WANG));
        JsonNode mine = ok(200, points("v-wang", VOLUNTEER_WANG, Map.of()));
        assertEquals(balance("v-wang"), mine.get("balance").asLong());
        assertEquals("redeemed", mine.at("/items/0/kind").asText());
        assertEquals(-1, mine.at("/items/0/points").asLong());
        JsonNode all = ok(200, points("v-wang", AREA_ADMIN, Map.of("limit", "100")));
        JsonNode last = all.get("items").get(all.get("items").size() - 1);
        assertEquals("earned", last.get("kind").asText());
        assertEquals(14, last.get("points").asLong());
        long sum = 0;
        for (JsonNode entry : all.get("items")) {
            sum += entry.get("points").asLong();
        }
        assertEquals(all.get("balance").asLong(), sum, "the balance is the sum of the entries");

        JsonNode first = ok(200, points("v-wang", ADMIN, Map.of("limit", "1")));
        JsonNode second = ok(200, points("v-wang", ADMIN, Map.of("limit", "1", "cursor", first.get("nextCursor").asText())));
        assertEquals(all.at("/items/1"), second.at("/items/0"));
        assertEquals(400, points("v-wang", ADMIN, Map.of("cursor", "x")).getStatusCode());
        assertEquals(404, points("v-wang", VOLUNTEER_LI, Map.of()).getStatusCode());
        assertEquals(404, points("v-wang", DISPATCHER, Map.of()).getStatusCode());
        assertEquals(404, points("v-wang", ApiEvents.admin("admin-qindu", "qindu"), Map.of()).getStatusCode(),
                "an admin of another district");
    }

    @Test
    void namesFollowTheHouseTextRulesSoThatNoStoredNameIsOneTheStoreCannotEncode() {
        for (String name : List.of("\\ud800soap", "soap\\u0000", " ", "x".repeat(81))) {
            String body = "{\"name\":\"" + name + "\",\"areaId\":\"xinbei\"}";
            APIGatewayV2HTTPResponse merchantRefused = world.call(withHeader(withBody(
                    ApiEvents.load("create-merchant.json"), body), "Idempotency-Key", UUID.randomUUID().toString()),
                    AREA_ADMIN);
            assertEquals(422, merchantRefused.getStatusCode(), name + ": " + merchantRefused.getBody());
            APIGatewayV2HTTPResponse itemRefused = putItem("odd", "{\"name\":\"" + name + "\",\"points\":1,\"stock\":1}",
                    AREA_ADMIN);
            assertEquals(422, itemRefused.getStatusCode(), name + ": " + itemRefused.getBody());
        }
        assertEquals(200, putItem("odd", "{\"name\":\"  \\ud83c\\udf75 茶  \",\"points\":1,\"stock\":1}", AREA_ADMIN)
                .getStatusCode(), "a paired surrogate is a character like any other");
    }

    @Test
    void merchantsArePagedAndAForgedOrForeignCursorIsA400() {
        ok(201, createMerchant(AREA_ADMIN, "xinbei"));
        ok(201, createMerchant(AREA_ADMIN, "xinbei"));
        JsonNode all = ok(200, merchants(Map.of("limit", "100")));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(200, merchants(cursor == null ? Map.of("limit", "1")
                    : Map.of("limit", "1", "cursor", cursor)));
            assertTrue(page.get("items").size() <= 1);
            page.get("items").forEach(m -> paged.add(m.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        List<String> listed = new ArrayList<>();
        all.get("items").forEach(m -> listed.add(m.get("id").asText()));
        assertTrue(listed.size() >= 3);
        assertEquals(listed, paged, "every merchant once, in order");
        String foreign = ok(200, points("v-wang", ADMIN, Map.of("limit", "1"))).get("nextCursor").asText();
        for (String forged : List.of("x", "!!!", foreign, Base64.getUrlEncoder().encodeToString(
                "merchants:../../x".getBytes(StandardCharsets.UTF_8)))) {
            assertEquals(400, merchants(Map.of("cursor", forged)).getStatusCode(), forged);
        }
        assertEquals(422, merchants(Map.of("limit", "0")).getStatusCode());
    }

    private static List<String> fields(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertFalse(names.isEmpty());
        return names;
    }

    private static APIGatewayV2HTTPResponse createMerchant(Map<String, String> claims, String area) {
        return world.call(withHeader(withBody(ApiEvents.load("create-merchant.json"),
                "{\"name\":\"新北社区爱心超市\",\"areaId\":\"" + area + "\"}"), "Idempotency-Key",
                UUID.randomUUID().toString()), claims);
    }

    private static APIGatewayV2HTTPResponse putItem(String item, String body, Map<String, String> claims) {
        return world.call(withBody(withPath(withPath(ApiEvents.load("put-merchant-item.json"), "id", merchant),
                "itemId", item), body), claims);
    }

    private static APIGatewayV2HTTPResponse redeem(String item, String key, Map<String, String> claims) {
        return world.call(withHeader(withBody(ApiEvents.load("create-redemption.json"),
                "{\"merchantId\":\"" + merchant + "\",\"itemId\":\"" + item + "\"}"), "Idempotency-Key", key), claims);
    }

    private static APIGatewayV2HTTPResponse handOver(String id, String code, Map<String, String> claims) {
        return world.call(withBody(withPath(ApiEvents.load("hand-over-redemption.json"), "id", id),
                "{\"code\":\"" + code + "\"}"), claims);
    }

    private static APIGatewayV2HTTPResponse merchants(Map<String, String> query) {
        return world.call(ApiEvents.withQuery(ApiEvents.load("list-merchants.json"), query), VOLUNTEER_LI);
    }

    private static APIGatewayV2HTTPResponse redemption(String id, Map<String, String> claims) {
        return world.call(withPath(ApiEvents.load("get-redemption.json"), "id", id), claims);
    }

    private static APIGatewayV2HTTPResponse points(String volunteer, Map<String, String> claims,
                                                   Map<String, String> query) {
        return world.call(ApiEvents.withQuery(withPath(ApiEvents.load("volunteer-points.json"), "id", volunteer),
                query), claims);
    }

    private static long balance(String volunteer) {
        return world.wiring.points.balance(volunteer);
    }

    private static long stock(String item) {
        JsonNode items = ok(200, world.call(withPath(ApiEvents.load("list-merchant-items.json"), "id", merchant),
                VOLUNTEER_LI)).get("items");
        for (JsonNode offer : items) {
            if (offer.get("itemId").asText().equals(item)) {
                return offer.get("stock").asLong();
            }
        }
        throw new AssertionError("no item " + item);
    }
}
