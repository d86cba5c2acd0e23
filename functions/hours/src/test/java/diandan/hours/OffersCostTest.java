package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.adapter.http.Claims;
import diandan.app.points.Merchants;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /merchants/{id}/items} reads a merchant's items and every item's stock in the same few calls however
 * many items it has (the merchant, its items, the stock logs' heads, the entries after them), and stays exact when a
 * head lags behind its log (a writer stopped between its entry and the head): that log alone costs a Query more.
 */
@ExtendWith(DynaliteExtension.class)
class OffersCostTest {
    static final Caller ADMIN = Claims.caller(HoursWorld.ADMIN);
    static final Map<String, Integer> CONSTANT = Map.of("GetItem", 1, "Query", 1, "BatchGetItem", 2);
    static HoursWorld world;
    static LocalTable table;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        world = new HoursWorld(table);
    }

    @Test
    void theStockOfEveryItemIsReadInTheSameCallsForThreeItemsAsForTwelve() {
        String merchant = world.wiring.merchants.create(ADMIN, null, "新北社区爱心超市", "xinbei").id();
        for (int i = 0; i < 3; i++) {
            world.wiring.merchants.putItem(ADMIN, merchant, "item-" + i, "物品", 1, 10 + i);
        }
        assertEquals(CONSTANT, measured(merchant).calls());
        for (int i = 3; i < 12; i++) {
            world.wiring.merchants.putItem(ADMIN, merchant, "item-" + i, "物品", 1, 10 + i);
            world.wiring.merchants.putItem(ADMIN, merchant, "item-" + i, "物品", 1, 20 + i);
        }
        StoreProbe probe = probe();
        List<Merchants.Offer> offers = on(probe).offers(merchant);
        assertEquals(CONSTANT, probe.reading().calls());
        for (Merchants.Offer offer : offers) {
            int i = Integer.parseInt(offer.item().itemId().substring("item-".length()));
            assertEquals(i < 3 ? 10 + i : 20 + i, offer.stock(), offer.item().itemId());
        }
    }

    @Test
    void aHeadLeftBehindItsLogCostsThatLogOneQueryAndTheStockStaysExact() {
        String merchant = world.wiring.merchants.create(ADMIN, null, "新北社区爱心超市", "xinbei").id();
        world.wiring.merchants.putItem(ADMIN, merchant, "soap", "洗衣皂", 1, 5);
        world.wiring.merchants.putItem(ADMIN, merchant, "rice", "大米", 1, 7);
        Map<String, AttributeValue> head = Map.of("pk", AttributeValue.fromS("STOCK#" + merchant + "#rice"),
                "sk", AttributeValue.fromS("HEAD"));
        table.client().deleteItem(b -> b.tableName(table.name()).key(head)); // its writer stopped before the head

        StoreProbe probe = probe();
        assertEquals(Map.of("soap", 5L, "rice", 7L), stocks(on(probe).offers(merchant)));
        assertEquals(Map.of("GetItem", 1, "Query", 2, "BatchGetItem", 2), probe.reading().calls());
        world.wiring.merchants.putItem(ADMIN, merchant, "rice", "大米", 1, 6);
        assertEquals(CONSTANT, measured(merchant).calls(), "the log's next entry moves its head");
    }

    private static Map<String, Long> stocks(List<Merchants.Offer> offers) {
        return offers.stream().collect(java.util.stream.Collectors.toMap(o -> o.item().itemId(),
                Merchants.Offer::stock));
    }

    private static StoreProbe.Reading measured(String merchant) {
        StoreProbe probe = probe();
        on(probe).offers(merchant);
        return probe.reading();
    }

    private static StoreProbe probe() {
        return StoreProbe.on(table).build();
    }

    private static Merchants on(StoreProbe probe) {
        Merchants merchants = new HoursWiring(probe.client(), table.name(), world.clock).merchants;
        probe.reset();
        return merchants;
    }
}
