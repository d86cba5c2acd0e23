package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.ItemSize;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.devkit.Template;
import diandan.devkit.TableDefinition;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Registry;
import diandan.domain.Team;
import diandan.port.registry.RegistryRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The registry snapshot each container loads ({@code RegistryCache}: one paginated Query of the {@code REGISTRY}
 * partition, once a minute) for a registry shaped like a province's: 43 teams a district, one for each community,
 * 10 volunteers each, under province, cities (10 districts each), districts and streets (10 each). It reads every
 * item stored and nothing else, in as many Query pages as DynamoDB's 1 MB page limit makes. The size is a
 * parameter: one district's 43 teams by default, to keep the suite quick; the province's 4,300 teams with
 * {@code mvn -B -o -pl shared -am test -Dtest=RegistrySnapshotSizeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dregistry.teams=4300}, which prints items, bytes, read units and load times (measured, not asserted).
 */
@ExtendWith(DynaliteExtension.class)
class RegistrySnapshotSizeTest {
    static final int TEAMS_PER_DISTRICT = 43;
    static final int MEMBERS_PER_TEAM = 10;
    static final int STREETS_PER_DISTRICT = 10;
    static final int DISTRICTS_PER_CITY = 10;
    static final long PAGE_LIMIT = 1024 * 1024;

    @Test
    void theSnapshotReadsEveryRegistryItemOnceInPagesOfAMegabyte(LocalTable engine) {
        int teams = Integer.getInteger("registry.teams", TEAMS_PER_DISTRICT);
        int districts = teams / TEAMS_PER_DISTRICT;
        String name = "reg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), name);
        List<Area> areas = province(districts);
        List<Team> stored = teams(districts);
        long storing = System.nanoTime();
        storeAll(engine, name, areas, stored);
        System.out.printf("registry snapshot: stored %d items in %d ms%n", areas.size() + stored.size(),
                (System.nanoTime() - storing) / 1_000_000);

        List<Map<String, AttributeValue>> items = partition(engine, name);
        long bytes = items.stream().mapToLong(ItemSize::of).sum();
        StoreProbe probe = StoreProbe.on(new LocalTable(engine.engine(), engine.client(), name)).metered().build();
        DynamoRegistryRepository reader = new DynamoRegistryRepository(probe.client(), name);
        List<String> loads = new ArrayList<>();
        Registry loaded = null;
        for (int load = 0; load < 3; load++) {
            probe.reset();
            long started = System.nanoTime();
            RegistryRepository.Contents contents = reader.contents();
            long read = System.nanoTime();
            loaded = Registry.of(contents.areas(), contents.categories(), contents.teams()); // as RegistryCache does
            loads.add(String.format("%d ms (read %d, built %d)", (System.nanoTime() - started) / 1_000_000,
                    (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000));
        }
        StoreProbe.Reading cost = probe.reading();
        long pages = cost.calls("Query");
        System.out.printf("registry snapshot: %d teams, %d areas: %d items, %d bytes (%.1f per team item), %d Query"
                        + " pages, %.1f read units reported by dynalite, %.1f billed (eventually consistent: half a"
                        + " unit per started 4 KB of each page); loads: %s (the first in a fresh JVM)%n",
                stored.size(), areas.size(), items.size(), bytes, teamBytes(items) / (double) stored.size(), pages,
                cost.readUnits(), billedReadUnits(items), loads);

        assertEquals(stored.size(), loaded.teams().size());
        assertEquals(areas.size(), loaded.areas().size());
        assertEquals(items.size(), cost.totalItemsReturned(), "every registry item once, nothing else");
        assertEquals(cost.calls("Query"), cost.totalCalls(), "Queries only");
        assertEquals(1 + bytes / PAGE_LIMIT, pages, "one page per started megabyte");
    }

    /** A province, its cities, districts and streets, and one community for each team. */
    static List<Area> province(int districts) {
        List<Area> areas = new ArrayList<>();
        areas.add(new Area("prov", "陕西省", AreaType.PROVINCE, null));
        for (int d = 0; d < districts; d++) {
            String city = "c" + d / DISTRICTS_PER_CITY;
            if (d % DISTRICTS_PER_CITY == 0) {
                areas.add(new Area(city, "第" + d / DISTRICTS_PER_CITY + "市", AreaType.CITY, "prov"));
            }
            String district = "d" + d;
            areas.add(new Area(district, "第" + d + "区", AreaType.DISTRICT, city));
            for (int s = 0; s < STREETS_PER_DISTRICT; s++) {
                areas.add(new Area(district + "s" + s, "第" + s + "街道", AreaType.STREET, district));
            }
            for (int c = 0; c < TEAMS_PER_DISTRICT; c++) {
                areas.add(new Area(community(d, c), "第" + c + "社区", AreaType.COMMUNITY,
                        district + "s" + c % STREETS_PER_DISTRICT));
            }
        }
        return areas;
    }

    /** A team for each community: two categories, a leader and its volunteers. */
    static List<Team> teams(int districts) {
        List<Team> teams = new ArrayList<>();
        for (int d = 0; d < districts; d++) {
            for (int c = 0; c < TEAMS_PER_DISTRICT; c++) {
                String id = "team-" + community(d, c);
                List<String> members = IntStream.range(0, MEMBERS_PER_TEAM).mapToObj(m -> "v-" + id + "-" + m).toList();
                teams.add(new Team(id, "第" + d + "区第" + c + "社区志愿服务队", List.of("elderly_care", "home_repair"),
                        List.of(community(d, c)), 10, List.of("u-leader-" + id), members, true, 1));
            }
        }
        return teams;
    }

    static String community(int district, int community) {
        return "d" + district + "c" + community;
    }

    /** As the registry stores them, 25 to a BatchWriteItem: the test's setup, not what it measures. */
    static void storeAll(LocalTable engine, String table, List<Area> areas, List<Team> teams) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        areas.forEach(area -> items.add(DynamoRegistryRepository.areaItem(area)));
        teams.forEach(team -> items.add(DynamoRegistryRepository.teamItem(team)));
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build()).toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(table, batch);
            while (!unprocessed.isEmpty()) {
                Map<String, List<WriteRequest>> sending = unprocessed;
                unprocessed = engine.client().batchWriteItem(b -> b.requestItems(sending)).unprocessedItems();
            }
        }
    }

    static List<Map<String, AttributeValue>> partition(LocalTable engine, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = engine.client().query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(DynamoRegistryRepository.PARTITION)))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static long teamBytes(List<Map<String, AttributeValue>> items) {
        return items.stream().filter(item -> item.get("sk").s().startsWith("TEAM#")).mapToLong(ItemSize::of).sum();
    }

    /** DynamoDB bills a Query by each page's size, rounded up to 4 KB: half a unit each, eventually consistent. */
    static double billedReadUnits(List<Map<String, AttributeValue>> items) {
        double units = 0;
        long page = 0;
        for (Map<String, AttributeValue> item : items) {
            long size = ItemSize.of(item);
            if (page + size > PAGE_LIMIT) {
                units += Math.ceil(page / 4096.0) * 0.5;
                page = 0;
            }
            page += size;
        }
        return units + Math.ceil(page / 4096.0) * 0.5;
    }
}
