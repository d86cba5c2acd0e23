package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import diandan.domain.points.PointsRule;
import diandan.port.points.PointsRuleStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The rule on one item ({@code POINTS_RULE} / {@code DEPLOYMENT}): one put replaces it whole. */
public final class DynamoPointsRuleStore implements PointsRuleStore {
    private static final Map<String, AttributeValue> KEY = Map.of(Keys.PK, s("POINTS_RULE"), Keys.SK, s("DEPLOYMENT"));

    private final DynamoDbClient client;
    private final String table;

    public DynamoPointsRuleStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<PointsRule> find() {
        Map<String, AttributeValue> item = Storage.call("read points rule", () -> client.getItem(b -> b.tableName(table)
                .key(KEY).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PointsRule(Integer.parseInt(item.get("pointsPerHour").n()),
                Long.parseLong(item.get("cap").n()), Integer.parseInt(item.get("fromLevel").n())));
    }

    @Override
    public void save(PointsRule rule) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("pointsPerHour", n(rule.pointsPerHour()));
        item.put("cap", n(rule.cap()));
        item.put("fromLevel", n(rule.fromLevel()));
        Storage.call("write points rule", () -> client.putItem(b -> b.tableName(table).item(item)));
    }
}
