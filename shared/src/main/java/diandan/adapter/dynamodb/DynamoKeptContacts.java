package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.RequestStatus;
import diandan.port.Page;
import diandan.port.retention.KeptContacts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@code ByDue} partition {@link Keys#CONTACT_KEPT} ({@code dueSort = <ended>#<id>}, keys only) that
 * {@link RequestItems} maintains on closed and cancelled requests holding contact data, and the district index
 * read once for requests that ended before that partition existed.
 */
public final class DynamoKeptContacts implements KeptContacts {
    private final DynamoDbClient client;
    private final String table;

    public DynamoKeptContacts(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Batch endedBy(Instant upTo, Entry after, int limit) {
        Map<String, AttributeValue> start = null;
        if (after != null) {
            start = new HashMap<>(RequestItems.key(after.requestId()));
            start.put(Keys.DUE_KEY, s(Keys.CONTACT_KEPT));
            start.put(Keys.DUE_SORT, s(Attr.time(after.ended()) + "#" + after.requestId()));
        }
        Map<String, AttributeValue> from = start;
        // dueSort starts with the millisecond time: everything that ended at upTo or earlier sorts before upTo + 1 ms
        QueryResponse response = Storage.call("read kept contacts", () -> client.query(b -> b.tableName(table)
                .indexName(Keys.BY_DUE)
                .keyConditionExpression("#k = :k AND #s < :bound")
                .expressionAttributeNames(Map.of("#k", Keys.DUE_KEY, "#s", Keys.DUE_SORT))
                .expressionAttributeValues(Map.of(":k", s(Keys.CONTACT_KEPT), ":bound", s(Attr.time(upTo.plusMillis(1)))))
                .scanIndexForward(true).limit(limit).exclusiveStartKey(from)));
        List<Entry> entries = response.items().stream().map(item -> {
            String sort = Attr.str(item, Keys.DUE_SORT);
            int split = sort.indexOf('#');
            return new Entry(Instant.parse(sort.substring(0, split)), sort.substring(split + 1));
        }).toList();
        return new Batch(entries, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    }

    /** The district's whole history in the index, filtered after the read: a one-off, not a schedule's read. */
    @Override
    public Page<String> notIndexed(String districtId, int limit, String cursor) {
        String partition = RequestItems.DISTRICT + districtId;
        Map<String, AttributeValue> start = Cursor.decode(Keys.BY_DISTRICT, cursor, Keys.DISTRICT_KEY, partition,
                sort -> true);
        QueryResponse response = Storage.call("list requests keeping contacts", () -> client.query(b -> b
                .tableName(table).indexName(Keys.BY_DISTRICT)
                .keyConditionExpression("#p = :p")
                .filterExpression("#st IN (:closed, :cancelled) AND attribute_exists(#phone)"
                        + " AND attribute_not_exists(#due)")
                .projectionExpression("#ls")
                .expressionAttributeNames(Map.of("#p", Keys.DISTRICT_KEY, "#st", RequestItems.STATUS,
                        "#phone", RequestItems.CONTACT_PHONE, "#due", Keys.DUE_KEY, "#ls", Keys.LIST_SORT))
                .expressionAttributeValues(Map.of(":p", s(partition), ":closed", s(RequestStatus.CLOSED.code()),
                        ":cancelled", s(RequestStatus.CANCELLED.code())))
                .limit(limit).exclusiveStartKey(start)));
        List<String> ids = response.items().stream().map(item -> {
            String listSort = Attr.str(item, Keys.LIST_SORT);
            return listSort.substring(listSort.indexOf('#') + 1);
        }).toList();
        return new Page<>(ids, Cursor.encode(Keys.BY_DISTRICT, response.lastEvaluatedKey()));
    }
}
