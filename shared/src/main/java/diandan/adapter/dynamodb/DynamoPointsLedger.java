package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;

import diandan.port.points.PointsLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A volunteer's ledger in partition {@code PTS#<volunteer>}: entries {@code E#<id>} (written once, never changed)
 * and the balance {@code BALANCE}, which remembers the last rollup batch it took so a replay adds nothing.
 */
public final class DynamoPointsLedger implements PointsLedger {
    private final DynamoDbClient client;
    private final String table;

    public DynamoPointsLedger(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String volunteerId, String sort) {
        return Map.of(Keys.PK, s("PTS#" + volunteerId), Keys.SK, s(sort));
    }

    @Override
    public long recordEntry(String volunteerId, String entryId, long points) {
        Map<String, AttributeValue> entryKey = key(volunteerId, "E#" + entryId);
        Map<String, AttributeValue> item = new HashMap<>(entryKey);
        item.put("points", n(points));
        item.put("type", s("pointsEntry"));
        return Storage.call("write points entry", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK)));
                return points;
            } catch (ConditionalCheckFailedException writtenBefore) {
                // a replay: the entry written first decides
                return Long.parseLong(client.getItem(b -> b.tableName(table).key(entryKey)
                        .consistentRead(true)).item().get("points").n());
            }
        });
    }

    @Override
    public void applyBatch(String volunteerId, long batch, long points) {
        Storage.call("apply points", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(volunteerId, "BALANCE"))
                        .updateExpression("ADD #p :d SET #b = :n, #ty = :type")
                        .conditionExpression("attribute_not_exists(#b) OR #b < :n")
                        .expressionAttributeNames(Map.of("#p", "balance", "#b", "appliedBatch", "#ty", "type"))
                        .expressionAttributeValues(Map.of(":d", n(points), ":n", n(batch), ":type", s("pointsBalance"))));
            } catch (ConditionalCheckFailedException appliedBefore) {
                // this batch (or a later one) is in the balance already
            }
            return null;
        });
    }

    @Override
    public long balance(String volunteerId) {
        Map<String, AttributeValue> item = Storage.call("read points balance", () -> client.getItem(b -> b
                .tableName(table).key(key(volunteerId, "BALANCE")).consistentRead(true))).item();
        return item == null || !item.containsKey("balance") ? 0 : Long.parseLong(item.get("balance").n());
    }
}
