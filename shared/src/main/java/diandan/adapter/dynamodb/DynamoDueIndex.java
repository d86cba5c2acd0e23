package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
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
 * only) that {@link RequestItems} maintains, the same entries by district in {@code ByDistrictDue}
 * ({@code districtKey = DIS#<district>}, {@code dueSort}, with {@code dueKey}), and the sweeper's watermark item
 * {@code SWEEP / WATERMARK}.
 *
 * <p>{@code ByDistrictDue} is keyed on attributes every request item has carried while due since the due index
 * began, so the request's own write (one conditional PutItem) keeps it, and DynamoDB fills it from the items
 * already stored when the index is added. A request that ended keeps its {@code dueSort} (by when it ended) under
 * {@link Keys#CONTACT_KEPT} until its contact data is erased, so it is in the district's partition too: its
 * {@code dueKey}, projected, lets the store leave it out.
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

    @Override
    public List<Entry> dueIn(String districtId, Instant from, Instant upTo) {
        List<Entry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> page = start;
            // dueSort starts with the millisecond time: everything due from `from` to upTo sorts between those two
            // times, upTo + 1 ms excluded
            QueryResponse response = Storage.call("read district due index", () -> client.query(b -> b
                    .tableName(table).indexName(Keys.BY_DISTRICT_DUE)
                    .keyConditionExpression("#p = :p AND #s BETWEEN :from AND :bound")
                    .filterExpression("begins_with(#k, :due)")
                    .expressionAttributeNames(Map.of("#p", Keys.DISTRICT_KEY, "#s", Keys.DUE_SORT, "#k", Keys.DUE_KEY))
                    .expressionAttributeValues(Map.of(":p", s(RequestItems.DISTRICT + districtId),
                            ":from", s(Attr.time(from)), ":bound", s(Attr.time(upTo.plusMillis(1))),
                            ":due", s(DuePartitions.PREFIX)))
                    .exclusiveStartKey(page)));
            response.items().forEach(item -> entries.add(entry(Attr.str(item, Keys.DUE_SORT))));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
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
