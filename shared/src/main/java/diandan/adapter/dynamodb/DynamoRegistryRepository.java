package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.port.RegistryRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Areas and categories under one partition ({@code pk = REGISTRY}): the whole registry is one paginated
 * Query, which the cache runs at most once a minute per container.
 */
public final class DynamoRegistryRepository implements RegistryRepository {
    static final String PARTITION = "REGISTRY";
    private static final String AREA = "AREA#";
    private static final String CATEGORY = "CATEGORY#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoRegistryRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<Area> areas() {
        return query(AREA).stream().map(item -> new Area(str(item, "id"), str(item, "name"),
                AreaType.fromCode(str(item, "areaType")).orElseThrow(), str(item, "parentId"))).toList();
    }

    @Override
    public List<Category> storedCategories() {
        return query(CATEGORY).stream().map(item -> new Category(str(item, "code"), str(item, "name"), false,
                new Clocks((int) num(item, "respondMinutes"), (int) num(item, "replyMinutes"),
                        (int) num(item, "resolveMinutes")))).toList();
    }

    @Override
    public void putArea(Area area) {
        Map<String, AttributeValue> item = new HashMap<>(key(AREA + area.id()));
        item.put("id", s(area.id()));
        item.put("name", s(area.name()));
        item.put("areaType", s(area.type().code()));
        Attr.putIf(item, "parentId", area.parentId());
        put(item);
    }

    @Override
    public void putCategory(Category category) {
        Map<String, AttributeValue> item = new HashMap<>(key(CATEGORY + category.code()));
        item.put("code", s(category.code()));
        item.put("name", s(category.name()));
        item.put("respondMinutes", n(category.clocks().respondMinutes()));
        item.put("replyMinutes", n(category.clocks().replyMinutes()));
        item.put("resolveMinutes", n(category.clocks().resolveMinutes()));
        put(item);
    }

    private void put(Map<String, AttributeValue> item) {
        Storage.call("write registry", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of(Keys.PK, s(PARTITION), Keys.SK, s(sk));
    }

    private List<Map<String, AttributeValue>> query(String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read registry", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":p", s(PARTITION), ":prefix", s(prefix)))
                    .exclusiveStartKey(from)));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
