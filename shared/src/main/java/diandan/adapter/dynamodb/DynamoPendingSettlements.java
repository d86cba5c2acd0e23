package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import diandan.port.request.PendingSettlements;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The notes as small items of one partition of the table ({@code pk = SETTLE}, {@code sk = <requestId>}), apart
 * from the request (whose item five indexes copy: a note in it would cost a rewrite of all of them to take out)
 * and read with a consistent Query of the base table, so that no note is missed for an index's lag. A note lives
 * until the schedule's first run after its call has ended (a minute or two): the partition holds the notes of
 * the last minutes' submissions, read whole by each run (a note is under 100 bytes: a thousand notes are a few
 * read units), and two small writes per submission are far below what one partition takes.
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
    public List<Note> waiting(Instant before, int limit) {
        // the notes sort by request id, not by age: younger ones are filtered out page by page, never counted
        List<Note> notes = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = Storage.call("read pending settlements", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("#p = :p").filterExpression("#at < :before")
                    .expressionAttributeNames(Map.of("#p", Keys.PK, "#at", "at"))
                    .expressionAttributeValues(Map.of(":p", s(PARTITION), ":before", Attr.t(before)))
                    .consistentRead(true).exclusiveStartKey(start)));
            page.items().stream().limit(limit - notes.size())
                    .forEach(item -> notes.add(new Note(Attr.str(item, Keys.SK), Attr.instant(item, "at"))));
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && notes.size() < limit);
        return notes;
    }
}
