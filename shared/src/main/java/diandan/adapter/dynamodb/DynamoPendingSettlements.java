package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import diandan.port.request.PendingSettlements;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notes as small items of one partition of the table ({@code pk = SETTLE}, {@code sk = <requestId>}), apart
 * from the request (whose item five indexes copy: a note in it would cost a rewrite of all of them to take out)
 * and read with a consistent Query of the base table, so that no note is missed for an index's lag. A note lives
 * for the seconds of its call: the partition holds few items, and two small writes per submission are far
 * below what one partition takes.
 */
public final class DynamoPendingSettlements implements PendingSettlements {
    private static final String PARTITION = "SETTLE";

    private final DynamoDbClient client;
    private final String table;

    public DynamoPendingSettlements(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public void note(String requestId, Instant at) {
        Map<String, AttributeValue> item = Map.of(Keys.PK, s(PARTITION), Keys.SK, s(requestId), "at", Attr.t(at));
        Storage.call("note pending settlement", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public void done(String requestId) {
        Storage.call("clear pending settlement", () -> client.deleteItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(PARTITION), Keys.SK, s(requestId)))));
    }

    @Override
    public List<Note> waiting(int limit) {
        return Storage.call("read pending settlements", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", Keys.PK))
                .expressionAttributeValues(Map.of(":p", s(PARTITION))).consistentRead(true).limit(limit)))
                .items().stream().map(item -> new Note(Attr.str(item, Keys.SK), Attr.instant(item, "at"))).toList();
    }
}
