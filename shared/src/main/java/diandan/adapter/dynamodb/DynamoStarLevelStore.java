package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import diandan.domain.stars.StarLevels;
import diandan.port.stars.StarLevelStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The steps on one item ({@code STAR_LEVELS} / {@code DEPLOYMENT}, a list of whole hours): one put replaces them whole. */
public final class DynamoStarLevelStore implements StarLevelStore {
    private static final Map<String, AttributeValue> KEY = Map.of(Keys.PK, s("STAR_LEVELS"), Keys.SK, s("DEPLOYMENT"));

    private final DynamoDbClient client;
    private final String table;

    public DynamoStarLevelStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<StarLevels> find() {
        Map<String, AttributeValue> item = Storage.call("read star levels", () -> client.getItem(b -> b.tableName(table)
                .key(KEY).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StarLevels(item.get("thresholds").l().stream().map(v -> Integer.parseInt(v.n())).toList()));
    }

    @Override
    public void save(StarLevels levels) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("thresholds", AttributeValue.fromL(levels.thresholds().stream().map(h -> Attr.n(h)).toList()));
        Storage.call("write star levels", () -> client.putItem(b -> b.tableName(table).item(item)));
    }
}
