package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoTallyRepository;
import diandan.app.hours.TallyService;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Problem;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tallies of a city and a province (咸阳市 in 陕西省, with the demo's districts 渭城区 and 秦都区, and another city,
 * 宝鸡市 with 金台区): the sum of their districts' tallies, read at once, nothing written for them.
 */
@ExtendWith(DynaliteExtension.class)
class CityTallyTest {
    @Test
    void aCitysTallyIsItsDistrictsTalliesReadInOneBatchGet(LocalTable table) {
        HoursWorld world = new HoursWorld(table);
        DynamoRegistryRepository areas = new DynamoRegistryRepository(table.client(), table.name());
        areas.putArea(new Area("baoji", "宝鸡市", AreaType.CITY, "shaanxi"));
        areas.putArea(new Area("jintai", "金台区", AreaType.DISTRICT, "baoji"));
        Map<TallyKey, Contribution> deltas = new LinkedHashMap<>();
        deltas.put(TallyKey.of(TallyScope.DISTRICT, "weicheng", "2026-11"), new Contribution(7, 3, 2));
        deltas.put(TallyKey.of(TallyScope.DISTRICT, "weicheng", "2026"), new Contribution(9, 4, 2));
        deltas.put(TallyKey.of(TallyScope.DISTRICT, "qindu", "2026-11"), new Contribution(5, 2, 1));
        deltas.put(TallyKey.of(TallyScope.DISTRICT, "qindu", "2026"), new Contribution(5, 2, 1));
        deltas.put(TallyKey.of(TallyScope.DISTRICT, "jintai", "2026-11"), new Contribution(100, 40, 0));
        deltas.put(TallyKey.of(TallyScope.DISTRICT, "jintai", "2026"), new Contribution(100, 40, 0));
        world.wiring.tallyStore.applyTallies(1, deltas);

        List<String> calls = new ArrayList<>();
        TallyService tallies = new TallyService(new DynamoTallyRepository(counting(table.client(), calls), table.name()),
                world.wiring.base.registry, world.wiring.stars);
        world.wiring.base.registry.fresh();
        assertEquals(new Tally(TallyKey.of(TallyScope.CITY, "xianyang", "2026-11"), 12, 5, 3),
                tallies.tally("city", "xianyang", "2026-11"));
        assertEquals(List.of("batchGetItem"), calls, "both districts' year items (and earlier month items) at once");
        assertEquals(new Tally(TallyKey.of(TallyScope.PROVINCE, "shaanxi", "2026"), 114, 46, 3),
                tallies.tally("province", "shaanxi", "2026"));
        assertEquals(new Tally(TallyKey.of(TallyScope.CITY, "baoji", "2026-11"), 100, 40, 0),
                tallies.tally("city", "baoji", "2026-11"));
        assertEquals(new Tally(TallyKey.of(TallyScope.CITY, "xianyang", "all"), 0, 0, 0),
                tallies.tally("city", "xianyang", null));
        assertEquals(new Tally(TallyKey.of(TallyScope.DISTRICT, "weicheng", "2026-11"), 7, 3, 2),
                tallies.tally("district", "weicheng", "2026-11"), "a district's tally as before");
    }

    @Test
    void aCityScopeNamesACityAndAProvinceScopeAProvince(LocalTable table) {
        HoursWorld world = new HoursWorld(table);
        for (String[] bad : new String[][] {{"city", "weicheng"}, {"city", "shaanxi"}, {"province", "xianyang"},
                {"city", "nowhere"}, {"district", "xianyang"}, {"city", "bad id!"}}) {
            Problem problem = assertThrows(Problem.class, () -> world.wiring.tallies.tally(bad[0], bad[1], "2026"),
                    String.join(" ", bad));
            assertEquals(422, problem.kind().status, String.join(" ", bad));
            assertTrue(problem.errors().stream().anyMatch(e -> e.field().equals("id")), problem.errors().toString());
        }
    }

    /** The client, noting the name of each call made through it. */
    static DynamoDbClient counting(DynamoDbClient client, List<String> calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
