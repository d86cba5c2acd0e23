package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.Map;

import diandan.port.menu.ProjectOrders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A project's orders per window as items {@code PORD#<projectId>} / {@code <window>}: {@code n} the count and one
 * attribute {@code R#<requestId>} per order counted (when, epoch ms). One conditional update counts an order only
 * while {@code n} is below the limit and the request is not counted yet, so that racing orders never exceed the
 * limit and a retried one never counts twice.
 */
public final class DynamoProjectOrders implements ProjectOrders {
    private final DynamoDbClient client;
    private final String table;

    public DynamoProjectOrders(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String projectId, String window) {
        return Map.of(Keys.PK, s("PORD#" + projectId), Keys.SK, s(window));
    }

    @Override
    public boolean take(String projectId, String window, int limit, String requestId, Instant at) {
        Map<String, String> names = Map.of("#n", "n", "#r", "R#" + requestId);
        return Storage.call("count project order", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(projectId, window))
                        .updateExpression("SET #r = :at ADD #n :one")
                        .conditionExpression("attribute_not_exists(#r) AND (attribute_not_exists(#n) OR #n < :limit)")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()), ":one", n(1), ":limit", n(limit))));
                return true;
            } catch (ConditionalCheckFailedException fullOrCounted) {
                Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(projectId, window))
                        .consistentRead(true).projectionExpression("#r").expressionAttributeNames(Map.of("#r", "R#" + requestId)))
                        .item();
                return item != null && item.containsKey("R#" + requestId);
            }
        });
    }

    @Override
    public int taken(String projectId, String window) {
        return Storage.call("read project orders", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(projectId, window))
                    .consistentRead(true).projectionExpression("#n").expressionAttributeNames(Map.of("#n", "n"))).item();
            return item == null || !item.containsKey("n") ? 0 : Integer.parseInt(item.get("n").n());
        });
    }
}
