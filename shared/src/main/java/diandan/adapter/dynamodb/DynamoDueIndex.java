package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.port.escalation.DueIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The sparse {@code ByDue} index ({@code dueKey = DUE#yyyyMMddHH#shard}, {@code dueSort = <due>#<id>}, keys
 * only) that {@link RequestItems} maintains, and the sweeper's watermark item {@code SWEEP / WATERMARK}.
 */
public final class DynamoDueIndex implements DueIndex {
    private static final Map<String, AttributeValue> WATERMARK = Map.of(Keys.PK, s("SWEEP"), Keys.SK, s("WATERMARK"));

    private final DynamoDbClient client;
    private final String table;

    public DynamoDueIndex(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public int shards() {
        return DuePartitions.SHARDS;
    }

    @Override
    public Batch due(Instant hour, int shard, Instant upTo, Entry after, int limit) {
        String bucket = DuePartitions.of(hour, shard);
        Map<String, AttributeValue> start = null;
        if (after != null) {
            start = new HashMap<>(RequestItems.key(after.requestId()));
            start.put(Keys.DUE_KEY, s(bucket));
            start.put(Keys.DUE_SORT, s(sortKey(after)));
        }
        Map<String, AttributeValue> from = start;
        // dueSort starts with the millisecond time: everything due at upTo or earlier sorts before upTo + 1 ms
        QueryResponse response = Storage.call("read due index", () -> client.query(b -> b.tableName(table)
                .indexName(Keys.BY_DUE)
                .keyConditionExpression("#k = :k AND #s < :bound")
                .expressionAttributeNames(Map.of("#k", Keys.DUE_KEY, "#s", Keys.DUE_SORT))
                .expressionAttributeValues(Map.of(":k", s(bucket), ":bound", s(Attr.time(upTo.plusMillis(1)))))
                .scanIndexForward(true).limit(limit).exclusiveStartKey(from)));
        List<Entry> entries = response.items().stream().map(item -> entry(Attr.str(item, Keys.DUE_SORT))).toList();
        return new Batch(entries, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    }

    static String sortKey(Entry entry) {
        return Attr.time(entry.due()) + "#" + entry.requestId();
    }

    static Entry entry(String sortKey) {
        int split = sortKey.indexOf('#');
        return new Entry(Instant.parse(sortKey.substring(0, split)), sortKey.substring(split + 1));
    }

    @Override
    public Optional<Instant> watermark() {
        return Storage.call("read watermark", () -> Optional.ofNullable(Attr.instant(
                client.getItem(b -> b.tableName(table).key(WATERMARK).consistentRead(true)).item(), "hour")));
    }

    @Override
    public void advanceWatermark(Instant hour) {
        Storage.call("advance watermark", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(WATERMARK)
                        .updateExpression("SET #h = :h")
                        .conditionExpression("attribute_not_exists(#h) OR #h < :h")
                        .expressionAttributeNames(Map.of("#h", "hour"))
                        .expressionAttributeValues(Map.of(":h", Attr.t(hour))));
            } catch (ConditionalCheckFailedException alreadyFurther) {
                // an overlapping sweep got further: the watermark never moves back
            }
            return null;
        });
    }
}
