package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;

import diandan.domain.Alert;
import diandan.port.AlertRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Alerts as items {@code ALERT#id}: a conditional put stores each alert exactly once. */
public final class DynamoAlertRepository implements AlertRepository {
    private final DynamoDbClient client;
    private final String table;

    public DynamoAlertRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s("ALERT#" + id), Keys.SK, s("ALERT"));
    }

    @Override
    public boolean raise(Alert alert) {
        Map<String, AttributeValue> item = new HashMap<>(key(alert.id()));
        item.put("type", s("alert"));
        item.put("id", s(alert.id()));
        item.put("requestId", s(alert.requestId()));
        item.put("level", n(alert.level()));
        item.put("areaId", s(alert.areaId()));
        item.put("at", Attr.t(alert.at()));
        item.put("acknowledged", AttributeValue.fromBool(alert.acknowledged()));
        item.put("reason", s(alert.reason()));
        return Storage.call("raise alert", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException raisedBefore) {
                return false;
            }
        });
    }
}
