package diandan.intake;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.resident;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.json.Json;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.adapter.dynamodb.DynamoDeliveryLedger;
import diandan.devkit.DynaliteExtension;
import diandan.domain.notify.Delivery;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.domain.notify.Recipient;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;

/** IntakeFunction end to end against dynalite: the event files in, the contract's JSON out. */
@ExtendWith(DynaliteExtension.class)
class IntakeHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final MutableClock CLOCK = new MutableClock(NOW);
    static IntakeHandler handler;
    static DynamoRequestRepository requests;

    @BeforeAll
    static void setUp(LocalTable table) {
        DemoRegistry.loadInto(table);
        requests = new DynamoRequestRepository(table.client(), table.name());
        handler = new IntakeHandler(table.client(), table.name(), CLOCK);
    }

    @BeforeEach
    void resetClock() {
        CLOCK.set(NOW);
    }

    static APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.read(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }

    /** A new request each time: the event file's Idempotency-Key is replaced by a fresh one. */
    static JsonNode submit(Map<String, String> claims) {
        APIGatewayV2HTTPResponse response = call(withHeader(as(ApiEvents.load("submit-request.json"), claims),
                "Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        return json(response);
    }

    static APIGatewayV2HTTPResponse get(String id, Map<String, String> claims) {
        return call(withPath(as(ApiEvents.load("get-request.json"), claims), "id", id));
    }

    /** Who was told, and when, shows in the request's timeline; how to reach them does not. */
    @Test
    void theTimelineOfARequestReadShowsWhoWasNotifiedWithoutContactData(LocalTable table) {
        JsonNode created = submit(resident("resident-notified"));
        String id = created.get("id").asText();
        DynamoDeliveryLedger ledger = new DynamoDeliveryLedger(table.client(), table.name());
        Notice notice = new Notice(new DomainEvent(id + ".1", EventType.DISPATCHED, id, created.get("teamId").asText(),
                0, NOW), new Recipient(Recipient.Role.TEAM_LEADER, "leader-notified"), MessageTemplate.NEW_ORDER,
                Map.of());
        Instant sentAt = NOW.plusSeconds(1);
        ledger.claim(notice, sentAt, sentAt);
        ledger.finish(new Delivery(id, notice.deliveryId(), Recipient.Role.TEAM_LEADER, MessageTemplate.NEW_ORDER,
                Delivery.Outcome.SENT, MessageChannel.WECHAT, "msg-1", sentAt));

        JsonNode timeline = json(get(id, resident("resident-notified"))).get("timeline");
        JsonNode last = timeline.get(timeline.size() - 1);
        assertEquals("notified", last.get("type").asText());
        assertEquals("system", last.get("actor").asText());
        assertEquals("notified team leader by WeChat", last.get("note").asText());
        assertEquals(sentAt.toString(), last.get("at").asText().replace(".000Z", "Z"));
    }

    @Test
    void submitsFromTheEventFileWithTheThreeDeadlines() {
        JsonNode body = submit(resident("resident-zhang"));
        assertEquals("dispatched", body.get("status").asText(), "the demo district has elderly-care teams in xinbei");
        assertTrue(List.of("xinbei-juandilv", "xinbei-linlicheng", "weiyang-jinglao").contains(body.get("teamId").asText()),
                "a team covering xinbei that serves elderly care: " + body.get("teamId"));
        assertEquals("elderly_care", body.get("category").asText());
        assertEquals("xinbei", body.get("communityId").asText());
        assertEquals("weiyang", body.get("streetId").asText());
        assertEquals("mini_program", body.get("channel").asText());
        assertEquals("2026-11-28T09:45:00.000Z", body.at("/sla/respondBy").asText());
        assertEquals("2026-11-28T10:00:00.000Z", body.at("/sla/replyBy").asText());
        assertEquals("2026-11-29T09:30:00.000Z", body.at("/sla/resolveBy").asText());
        assertEquals(0, body.at("/sla/escalationLevel").asInt());
        assertEquals("13812345678", body.get("contactPhone").asText());
        assertEquals("submitted", body.at("/timeline/0/type").asText());
        assertEquals("resident-zhang", body.at("/timeline/0/actor").asText());
        assertEquals(1, body.get("version").asLong());

        assertEquals(200, get(body.get("id").asText(), resident("resident-zhang")).getStatusCode());
        APIGatewayV2HTTPResponse stranger = get(body.get("id").asText(), resident("someone-else"));
        assertEquals(404, stranger.getStatusCode());
        assertEquals("application/problem+json", stranger.getHeaders().get("Content-Type"));
        assertEquals(404, get(body.get("id").asText(), dispatcher("d-far", "wenhuilu")).getStatusCode());
        assertEquals(200, get(body.get("id").asText(), dispatcher("d-near", "weiyang")).getStatusCode());
    }

    @Test
    void contactDetailsAreMaskedForThoseNotEntitled() {
        String id = submit(resident("resident-mask")).get("id").asText();
        JsonNode seenByAdmin = json(get(id, admin("admin-1")));
        assertEquals("138****5678", seenByAdmin.get("contactPhone").asText());
        assertEquals("张**", seenByAdmin.get("contactName").asText());
        assertFalse(seenByAdmin.get("address").asText().contains("501"));
        JsonNode seenByDispatcher = json(get(id, dispatcher("d", "weicheng")));
        assertEquals("13812345678", seenByDispatcher.get("contactPhone").asText());
    }

    @Test
    void clocksFollowTheCategoryPolicy() {
        APIGatewayV2HTTPResponse response = call(ApiEvents.load("submit-hotline-request.json"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        // home_repair in the demo registry promises resolution within 48 hours
        assertEquals("2026-11-30T09:30:00.000Z", json(response).at("/sla/resolveBy").asText());
    }

    @Test
    void refusesEveryBadFieldAtOnceAndStoresNothing() {
        APIGatewayV2HTTPResponse response = call(withBody(as(ApiEvents.load("submit-request.json"), resident("bad-fields")),
                "{\"category\":\"nope\",\"description\":\"\",\"communityId\":\"weiyang\",\"address\":\"x\","
                        + "\"contactName\":\"x\",\"contactPhone\":\"12345\",\"channel\":\"fax\"}"));
        assertEquals(422, response.getStatusCode(), response.getBody());
        JsonNode errors = json(response).get("errors");
        Set<String> fields = new HashSet<>();
        errors.forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(Set.of("category", "description", "communityId", "contactPhone", "channel"), fields);
        assertEquals(0, list(resident("bad-fields"), Map.of()).get("items").size());
    }

    @Test
    void malformedBodiesAreClientErrors() {
        Map<String, Integer> cases = Map.of(
                "{not json", 400,
                "[1,2]", 400,
                "{\"category\":1}", 400,
                "{\"category\":\"legal\",\"category\":\"legal\"}", 400,
                "{\"extra\":true}", 400,
                "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}", 400,
                "{\"description\":\"" + "x".repeat(70_000) + "\"}", 413);
        cases.forEach((body, status) -> {
            APIGatewayV2HTTPResponse response = call(withBody(ApiEvents.load("submit-request.json"), body));
            assertEquals(status, response.getStatusCode(), body.length() > 80 ? body.substring(0, 80) : body);
            assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        });
        APIGatewayV2HTTPResponse plain = call(withHeader(ApiEvents.load("submit-request.json"), "Content-Type", "text/plain"));
        assertEquals(415, plain.getStatusCode());
        APIGatewayV2HTTPEvent base64 = ApiEvents.load("submit-request.json");
        base64.setIsBase64Encoded(true);
        base64.setBody("%%%not-base64%%%");
        assertEquals(400, call(base64).getStatusCode());
    }

    @Test
    void base64BodiesAreDecoded() {
        APIGatewayV2HTTPEvent event = as(ApiEvents.load("submit-request.json"), resident("resident-b64"));
        event.setBody(java.util.Base64.getEncoder().encodeToString(event.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        assertEquals(201, call(event).getStatusCode());
    }

    @Test
    void aDispatcherSubmitsOnTheHotlineOnlyInTheirArea() {
        APIGatewayV2HTTPResponse response = call(ApiEvents.load("submit-hotline-request.json"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("029-33221100", json(response).get("contactPhone").asText());
        assertEquals(403, call(as(ApiEvents.load("submit-hotline-request.json"), dispatcher("d2", "wenhuilu"))).getStatusCode());
        assertEquals(403, call(as(ApiEvents.load("submit-hotline-request.json"), resident("r"))).getStatusCode());
        assertEquals(403, call(as(ApiEvents.load("submit-request.json"), dispatcher("d3", "weiyang"))).getStatusCode());
        assertEquals(401, call(as(ApiEvents.load("submit-hotline-request.json"), null)).getStatusCode());
    }

    @Test
    void wishesWaitOnTheWallWithoutContactData() {
        APIGatewayV2HTTPResponse response = call(as(ApiEvents.load("submit-wish.json"), resident("resident-wish")));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode wish = json(response);
        assertEquals("open_wish", wish.get("status").asText());
        assertEquals("2026-12-01T09:30:00.000Z", wish.at("/sla/respondBy").asText());
        JsonNode wall = json(call(as(ApiEvents.load("list-wishes.json"), resident("anyone"))));
        JsonNode listed = null;
        for (JsonNode item : wall.get("items")) {
            if (item.get("id").asText().equals(wish.get("id").asText())) {
                listed = item;
            }
        }
        assertNotNull(listed);
        assertNull(listed.get("contactPhone"));
        assertNull(listed.get("address"));
        assertNull(listed.get("contactName"));
    }

    @Test
    void theSameIdempotencyKeyCreatesOneRequestWhateverTheRetries() throws Exception {
        Map<String, String> claims = resident("resident-retry");
        int threads = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return call(withHeader(as(ApiEvents.load("submit-request.json"), claims), "Idempotency-Key", "k-concurrent"));
            }));
        }
        start.countDown();
        Set<String> bodies = new HashSet<>();
        for (Future<APIGatewayV2HTTPResponse> answer : answers) {
            APIGatewayV2HTTPResponse response = answer.get();
            assertEquals(201, response.getStatusCode(), response.getBody());
            bodies.add(response.getBody());
        }
        pool.shutdown();
        assertEquals(1, bodies.size(), "every retry gets the same answer");
        APIGatewayV2HTTPResponse later = call(withHeader(as(ApiEvents.load("submit-request.json"), claims), "Idempotency-Key", "k-concurrent"));
        assertEquals(bodies.iterator().next(), later.getBody());
        assertEquals("true", later.getHeaders().get("Idempotent-Replayed"));
        assertEquals(1, list(claims, Map.of()).get("items").size());

        APIGatewayV2HTTPEvent otherBody = withHeader(as(ApiEvents.load("submit-request.json"), claims), "Idempotency-Key", "k-concurrent");
        otherBody.setBody(otherBody.getBody().replace("代购生活用品", "陪同就医"));
        assertEquals(422, call(otherBody).getStatusCode());
        assertEquals(1, list(claims, Map.of()).get("items").size());
        assertEquals(400, call(withHeader(as(ApiEvents.load("submit-request.json"), claims), "Idempotency-Key", "bad key with spaces")).getStatusCode());
    }

    @Test
    void concurrentConflictingChangesLetExactlyOneWin() throws Exception {
        Map<String, String> owner = resident("resident-race");
        String id = submit(owner).get("id").asText();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Map<String, String> who = i % 2 == 0 ? owner : dispatcher("d-" + i, "xinbei");
            statuses.add(pool.submit(() -> {
                start.await();
                return call(withPath(as(ApiEvents.load("cancel-request.json"), who), "id", id)).getStatusCode();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get());
        }
        pool.shutdown();
        assertEquals(1, Collections.frequency(codes, 200), codes.toString());
        assertEquals(threads - 1, Collections.frequency(codes, 409), codes.toString());
        JsonNode cancelled = json(get(id, owner));
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals(3, cancelled.get("timeline").size(), "submitted, dispatched, cancelled: once");
        assertEquals("cancelled", cancelled.at("/timeline/2/type").asText());
    }

    @Test
    void aStaleIfMatchIsAConflictAndChangesNothing() {
        Map<String, String> owner = resident("resident-ifmatch");
        String id = submit(owner).get("id").asText();
        APIGatewayV2HTTPResponse stale = call(withHeader(withPath(as(ApiEvents.load("cancel-request.json"), owner), "id", id), "If-Match", "\"7\""));
        assertEquals(409, stale.getStatusCode());
        assertEquals("dispatched", json(get(id, owner)).get("status").asText());
        APIGatewayV2HTTPResponse fresh = call(withHeader(withPath(as(ApiEvents.load("cancel-request.json"), owner), "id", id), "If-Match", "\"1\""));
        assertEquals(200, fresh.getStatusCode(), fresh.getBody());
        assertEquals("\"2\"", fresh.getHeaders().get("ETag"));
        assertEquals(409, call(withPath(as(ApiEvents.load("cancel-request.json"), owner), "id", id)).getStatusCode());
    }

    @Test
    void theResidentRatesAResolvedRequestOnceAndItCloses() {
        Map<String, String> owner = resident("resident-rate");
        String id = submit(owner).get("id").asText();
        APIGatewayV2HTTPResponse early = call(withPath(as(ApiEvents.load("rate-request.json"), owner), "id", id));
        assertEquals(409, early.getStatusCode(), "not resolved yet");
        resolveByTeam(id, "team-x");

        assertEquals(404, call(withPath(as(ApiEvents.load("rate-request.json"), resident("other")), "id", id)).getStatusCode());
        assertEquals(403, call(withPath(as(ApiEvents.load("rate-request.json"), dispatcher("d", "xinbei")), "id", id)).getStatusCode());
        APIGatewayV2HTTPResponse bad = call(withBody(withPath(as(ApiEvents.load("rate-request.json"), owner), "id", id),
                "{\"score\":6,\"outcome\":\"great\"}"));
        assertEquals(422, bad.getStatusCode());
        assertEquals(2, json(bad).get("errors").size());
        assertEquals(400, call(withBody(withPath(as(ApiEvents.load("rate-request.json"), owner), "id", id),
                "{\"score\":4.5,\"outcome\":\"partly\"}")).getStatusCode());

        APIGatewayV2HTTPResponse rated = call(withPath(as(ApiEvents.load("rate-request.json"), owner), "id", id));
        assertEquals(200, rated.getStatusCode(), rated.getBody());
        JsonNode closed = json(rated);
        assertEquals("closed", closed.get("status").asText());
        assertEquals(5, closed.at("/rating/score").asInt());
        assertEquals(409, call(withPath(as(ApiEvents.load("rate-request.json"), owner), "id", id)).getStatusCode());
    }

    /** The team's side arrives with the dispatch issue; here the lifecycle moves it directly. */
    static void resolveByTeam(String id, String team) {
        ServiceRequest submitted = requests.find(id).orElseThrow();
        Instant at = CLOCK.instant();
        ServiceRequest dispatched = RequestLifecycle.dispatch(submitted, team, "dispatcher", "test", at);
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader", at.plusSeconds(60));
        ServiceRequest resolved = RequestLifecycle.resolve(accepted, "leader", "done", at.plusSeconds(600));
        requests.replace(submitted, dispatched);
        requests.replace(dispatched, accepted);
        requests.replace(accepted, resolved);
    }

    static JsonNode list(Map<String, String> claims, Map<String, String> query) {
        APIGatewayV2HTTPResponse response = call(withQuery(as(ApiEvents.load("list-requests.json"), claims), query));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return json(response);
    }

    @Test
    void listsPageThroughEverythingOnceNewestFirst() {
        Map<String, String> owner = resident("resident-pages");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CLOCK.advance(Duration.ofMinutes(1));
            created.add(0, submit(owner).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = list(owner, query);
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(created, seen);

        APIGatewayV2HTTPResponse badCursor = call(withQuery(as(ApiEvents.load("list-requests.json"), owner), Map.of("cursor", "garbage!")));
        assertEquals(400, badCursor.getStatusCode());
        APIGatewayV2HTTPResponse badLimit = call(withQuery(as(ApiEvents.load("list-requests.json"), owner), Map.of("limit", "1000")));
        assertEquals(422, badLimit.getStatusCode());
        APIGatewayV2HTTPResponse badStatus = call(withQuery(as(ApiEvents.load("list-requests.json"), owner), Map.of("status", "lost")));
        assertEquals(422, badStatus.getStatusCode());
    }

    @Test
    void dispatchersListTheirAreaWithFilters() {
        Map<String, String> resident = resident("resident-area");
        CLOCK.set(NOW.plus(Duration.ofMinutes(30)));
        Instant from = CLOCK.instant();
        String mine = submit(resident).get("id").asText();
        JsonNode street = list(dispatcher("d-street", "weiyang"), Map.of("status", "dispatched", "from", from.toString()));
        assertTrue(ids(street).contains(mine));
        JsonNode community = list(dispatcher("d-street", "weiyang"), Map.of("communityId", "xinbei", "category", "elderly_care"));
        assertTrue(ids(community).contains(mine));
        JsonNode otherCategory = list(dispatcher("d-street", "weiyang"), Map.of("communityId", "xinbei", "category", "legal", "from", from.toString()));
        assertFalse(ids(otherCategory).contains(mine));
        JsonNode before = list(admin("admin"), Map.of("to", from.toString(), "areaId", "weicheng"));
        assertFalse(ids(before).contains(mine));
        assertEquals(403, call(withQuery(as(ApiEvents.load("list-requests.json"), dispatcher("d-far", "wenhuilu")),
                Map.of("communityId", "xinbei"))).getStatusCode());
        assertEquals(403, call(withQuery(as(ApiEvents.load("list-requests.json"), ApiEvents.claims("v", "volunteer", null, null, "v")),
                Map.of())).getStatusCode());
    }

    static Set<String> ids(JsonNode page) {
        Set<String> ids = new HashSet<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void unknownRoutesAndIdsAreNotFound() {
        assertEquals(404, call(ApiEvents.route("DELETE /requests", resident("r"))).getStatusCode());
        assertEquals(404, get("../../etc/passwd", resident("r")).getStatusCode());
        assertEquals(404, get("r0000000000000000000000", admin("a")).getStatusCode());
    }
}
