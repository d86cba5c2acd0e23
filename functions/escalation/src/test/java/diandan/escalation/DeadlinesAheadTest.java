package diandan.escalation;

import static diandan.devkit.ApiEvents.admin;
import static diandan.devkit.ApiEvents.dispatcher;
import static diandan.devkit.ApiEvents.leader;
import static diandan.devkit.ApiEvents.route;
import static diandan.devkit.ApiEvents.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.RequestItems;
import diandan.adapter.json.Json;
import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StoreProbe;
import diandan.domain.AreaPath;
import diandan.domain.Clocks;
import diandan.domain.HoldReason;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /deadlines?within=N}: the running clocks of the caller's area whose deadline falls within the next N
 * minutes, soonest first, read from the due index by range. At 12:00 in community xinbei (street weiyang):
 * respond clocks at 12:03 and 12:05, reply clocks at 12:10, 12:14, 12:18 and 12:20; a held reply clock, a respond clock
 * already past (the sweeper's to escalate), a resolved request and one in another street are not listed.
 */
@ExtendWith(DynaliteExtension.class)
class DeadlinesAheadTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static ServiceRequest at(String id, String submitted) {
        return Fixtures.submitted(id, Instant.parse("2026-11-28T" + submitted + "Z"), Clocks.DESK_PROMISE, "team-a");
    }

    static final AreaPath QINDU = new AreaPath("chenyang-east", "chenyangzhai", "qindu");

    static Instant t(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    static LocalTable desk(LocalTable engine) throws Exception {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        ServiceRequest accepted = RequestLifecycle.accept(at("accepted", "11:40:00"), "leader-a", t("11:45:00"));
        ServiceRequest held = RequestLifecycle.hold(RequestLifecycle.accept(at("held", "11:41:00"), "leader-a",
                t("11:45:00")), "leader-a", HoldReason.AWAITING_INFORMATION, t("11:50:00"));
        ServiceRequest resolved = RequestLifecycle.resolve(RequestLifecycle.accept(at("resolved", "11:50:00"),
                "leader-a", t("11:52:00")), "leader-a", "done", t("11:55:00"));
        Fixtures.createAll(table, List.of(at("soon-a", "11:50:00"), at("soon-b", "11:48:00"), accepted, held,
                at("overdue", "11:44:00"), resolved,
                Fixtures.submitted("far", t("11:50:00"), Clocks.DESK_PROMISE, "team-b", Fixtures.XIBEI_YIMIAN, "legal")));
        return table;
    }

    static APIGatewayV2HTTPResponse call(LocalTable table, Map<String, String> claims, Map<String, String> query) {
        return new EscalationApiHandler(table.client(), table.name(), new MutableClock(NOW))
                .handleRequest(withQuery(route("GET /deadlines", claims), query), null);
    }

    static List<String> listed(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<String> items = new ArrayList<>();
        for (JsonNode item : Json.read(response.getBody()).get("items")) {
            items.add(item.get("requestId").asText() + " " + item.get("clock").asText() + " "
                    + item.get("minutesLeft").asInt());
        }
        return items;
    }

    @Test
    void aDispatcherSeesTheRunningClocksOfTheirAreaThatFallDueWithinTheWindowSoonestFirst(LocalTable engine) throws Exception {
        LocalTable table = desk(engine);
        APIGatewayV2HTTPResponse response = call(table, dispatcher("d-weiyang", "weiyang"), Map.of("within", "20"));

        assertEquals(List.of("soon-b respond 3", "soon-a respond 5", "accepted reply 10", "overdue reply 14",
                "soon-b reply 18", "soon-a reply 20"), listed(response));
        JsonNode first = Json.read(response.getBody()).get("items").get(0);
        assertEquals(Instant.parse("2026-11-28T12:03:00Z"), Instant.parse(first.get("deadline").asText()));
        assertEquals("xinbei", first.get("communityId").asText());
        assertEquals("team-a", first.get("teamId").asText());
        assertEquals("dispatched", first.get("status").asText());
        assertTrue(!response.getBody().contains("13812345678") && !response.getBody().contains("张桂兰"),
                "ids and codes only: " + response.getBody());
    }

    @Test
    void theWindowBoundsTheListAndTheAreaNamedNarrowsIt(LocalTable engine) throws Exception {
        LocalTable table = desk(engine);
        assertEquals(List.of("soon-b respond 3"), listed(call(table, dispatcher("d-weiyang", "weiyang"),
                Map.of("within", "3"))));
        assertEquals(List.of("far respond 5", "far reply 20"), listed(call(table, admin("admin-wang", "weicheng"),
                Map.of("within", "20", "areaId", "xibei-yimian"))));
        assertEquals(8, listed(call(table, admin("admin-wang", "weicheng"), Map.of("within", "20"))).size(),
                "the district's admin sees both streets");
    }

    @Test
    void theListIsTheDesksAlone(LocalTable engine) throws Exception {
        LocalTable table = desk(engine);
        assertEquals(403, call(table, leader("leader-a", "team-a"), Map.of("within", "20")).getStatusCode());
        assertEquals(403, call(table, dispatcher("d-wenhuilu", "wenhuilu"),
                Map.of("within", "20", "areaId", "xinbei")).getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "241", "-5", "1.5", "abc", "99999999999", "15m", "+15", " 1e3"})
    void aWindowOutsideOneTo240MinutesIsRefusedAs422(String within, LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        Map<String, String> query = new HashMap<>();
        query.put("within", within);
        APIGatewayV2HTTPResponse response = call(table, dispatcher("d-weiyang", "weiyang"), query);
        assertEquals(422, response.getStatusCode(), within + ": " + response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        assertTrue(response.getBody().contains("within"), response.getBody());
    }

    @Test
    void withoutAWindowTheCallIsRefused(LocalTable engine) throws Exception {
        LocalTable table = Fixtures.freshTable(engine);
        assertEquals(422, call(table, dispatcher("d-weiyang", "weiyang"), Map.of()).getStatusCode());
    }

    /**
     * Nothing to migrate: the district due index is keyed on two attributes every due request item has carried
     * since the due index began ({@code districtKey}, {@code dueSort}, spelled out here as stored then), so
     * DynamoDB fills the index from the items already stored when it is added. Such an item, put as is, is listed.
     */
    @Test
    void aRequestStoredBeforeTheDistrictDueIndexExistedIsListed(LocalTable engine) throws Exception {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        Map<String, AttributeValue> stored = RequestItems.toItem(at("stored", "11:50:00"));
        assertEquals("DIS#weicheng", stored.get("districtKey").s());
        assertEquals("2026-11-28T12:02:00.000Z#stored", stored.get("dueSort").s(), "due at its respond warning");
        table.client().putItem(b -> b.tableName(table.name()).item(stored));

        assertEquals(List.of("stored respond 5", "stored reply 20"),
                listed(call(table, dispatcher("d-weiyang", "weiyang"), Map.of("within", "20"))));
    }

    /**
     * Two districts in one table: 10 requests of weicheng and 10 of qindu fall due (at their warnings, 12:02 on)
     * within the window, 2,000 of weicheng's from 12:12 on, and one of weicheng's was cancelled at 11:55 (its
     * entry, kept until its contact data is erased, sorts by when it ended). Weiyang's dispatcher reads weicheng's
     * partition of the district index alone: its 10 entries, their 10 requests and the watermark; nothing of
     * qindu, of the 2,000 or of the cancelled request. Qindu's dispatcher finds qindu's 10.
     */
    @Test
    void aDispatcherReadsTheirDistrictsEntriesDueWithinTheWindowAndTheirRequestsOnly(LocalTable engine) throws Exception {
        LocalTable table = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(table);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(Fixtures.submitted("due" + i, t("11:50:00").plusSeconds(10L * i), Clocks.DESK_PROMISE, "team-a"));
            requests.add(Fixtures.submitted("qindu" + i, t("11:50:00").plusSeconds(10L * i), Clocks.DESK_PROMISE,
                    "team-q", QINDU, "legal"));
        }
        for (int i = 0; i < 2_000; i++) {
            requests.add(Fixtures.submitted("later" + i, NOW.plusMillis(300L * i), Clocks.DESK_PROMISE, "team-a"));
        }
        requests.add(RequestLifecycle.cancel(at("cancelled", "11:45:00"), "resident-cancelled", "solved it myself",
                t("11:55:00")));
        Fixtures.createAll(table, requests);
        Fixtures.sweeper(table, Sweeper.Limits.STANDARD).sweep(t("11:30:00")); // the sweeper has run: a watermark
        StoreProbe counting = StoreProbe.on(table).build();
        EscalationApiHandler handler = new EscalationApiHandler(counting.client(), table.name(), new MutableClock(NOW));
        handler.handleRequest(withQuery(route("GET /deadlines", dispatcher("d-weiyang", "weiyang")),
                Map.of("within", "10")), null); // the registry is read once a minute: not counted below
        counting.reset();

        APIGatewayV2HTTPResponse response = handler.handleRequest(withQuery(route("GET /deadlines",
                dispatcher("d-weiyang", "weiyang")), Map.of("within", "10")), null);
        StoreProbe.Reading cost = counting.reading();

        assertEquals(10, listed(response).size());
        assertEquals(Map.of("DIS#weicheng", 1), cost.partitionQueries(), "one Query, of weicheng's partition");
        assertEquals(10, cost.indexItemsReturned(), "index entries read: exactly those due within the window");
        assertEquals(11, cost.itemsGot(), "the 10 requests read again, and the watermark");
        assertEquals(10 + 1 + 11, cost.itemsRead(), "and the cancelled request's entry, left out by the store");
        List<String> qindu = listed(handler.handleRequest(withQuery(route("GET /deadlines",
                dispatcher("d-qindu", "qindu")), Map.of("within", "10")), null));
        assertEquals(10, qindu.size());
        assertTrue(qindu.stream().allMatch(item -> item.startsWith("qindu")), qindu.toString());
    }
}
