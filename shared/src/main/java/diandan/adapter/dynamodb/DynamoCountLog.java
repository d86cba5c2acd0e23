package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.t;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.points.LogEntry;
import diandan.port.points.CountLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A log in its own partition (the log's name, e.g. {@code PTS#<volunteer>}), one item per entry under
 * {@code E#<number, 19 digits>} so that the sort key orders them; an entry is written with
 * {@code attribute_not_exists} and never changed.
 */
public final class DynamoCountLog implements CountLog {
    private final DynamoDbClient client;
    private final String table;

    public DynamoCountLog(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static String sortKey(long seq) {
        return "E#" + String.format("%019d", seq);
    }

    @Override
    public List<LogEntry> newestFirst(String log, Long below, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(log), ":e", s("E#")));
        if (below != null) {
            values.put(":below", s(sortKey(below)));
        }
        String range = below == null ? "begins_with(#sk, :e)" : "#sk BETWEEN :e AND :below";
        return Storage.call("read " + log, () -> client.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND " + range).scanIndexForward(false).limit(below == null ? limit : limit + 1)
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(values))).items().stream()
                .map(DynamoCountLog::entry).filter(e -> below == null || e.seq() < below).limit(limit).toList();
    }

    private static LogEntry entry(Map<String, AttributeValue> item) {
        return new LogEntry(Long.parseLong(item.get("seq").n()), item.get("op").s(), item.get("kind").s(),
                Long.parseLong(item.get("amount").n()), Long.parseLong(item.get("total").n()),
                Long.parseLong(item.get("batch").n()), item.get("ref").s(), Attr.instant(item, "at"));
    }

    @Override
    public boolean append(String log, LogEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(Keys.PK, s(log), Keys.SK, s(sortKey(entry.seq()))));
        item.put("type", s("logEntry"));
        item.put("seq", n(entry.seq()));
        item.put("op", s(entry.op()));
        item.put("kind", s(entry.kind()));
        item.put("amount", n(entry.amount()));
        item.put("total", n(entry.total()));
        item.put("batch", n(entry.batch()));
        item.put("ref", s(entry.ref()));
        item.put("at", t(entry.at()));
        Map<String, AttributeValue> once = Storage.once(item);
        return Storage.call("append to " + log, () -> {
            try {
                client.putItem(b -> b.tableName(table).item(once).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK)));
                return true;
            } catch (ConditionalCheckFailedException taken) {
                // taken, unless by this very write sent again after its answer was lost
                return Storage.holds(client, table, once);
            }
        });
    }
}
