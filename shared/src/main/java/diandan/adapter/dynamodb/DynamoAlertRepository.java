package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.Alert;
import diandan.domain.AreaPath;
import diandan.domain.AreaType;
import diandan.port.Page;
import diandan.port.escalation.AlertQuery;
import diandan.port.escalation.AlertRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Alerts as items {@code ALERT#id}: a conditional put stores each alert exactly once. They share the area
 * indexes with requests under their own partitions ({@code ALERT#COM#id}, {@code ALERT#STR#id},
 * {@code ALERT#DIS#id}), one for each area of the alert's scope, so that the alerts of any area are one Query;
 * and the work-queue index holds the outbox of alerts not yet published.
 */
public final class DynamoAlertRepository implements AlertRepository {
    private static final String CURSOR_TAG = "alerts";

    /** The index, key attribute and partition prefix holding the alerts of each level of the area tree. */
    private enum AreaIndex {
        COMMUNITY(Keys.BY_COMMUNITY, Keys.COMMUNITY_KEY, "ALERT#COM#"),
        STREET(Keys.BY_STREET, Keys.STREET_KEY, "ALERT#STR#"),
        DISTRICT(Keys.BY_DISTRICT, Keys.DISTRICT_KEY, "ALERT#DIS#");

        final String index;
        final String attribute;
        final String prefix;

        AreaIndex(String index, String attribute, String prefix) {
            this.index = index;
            this.attribute = attribute;
            this.prefix = prefix;
        }

        static AreaIndex of(AreaType type) {
            return valueOf(type.name());
        }

        /** Puts the alert into this level's partition of {@code areaId}; no area at this level, no entry. */
        void put(Map<String, AttributeValue> item, String areaId) {
            Attr.putIf(item, attribute, areaId == null ? null : prefix + areaId);
        }
    }

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
        item.put("communityId", s(alert.path().communityId()));
        item.put("streetId", s(alert.path().streetId()));
        item.put("districtId", s(alert.path().districtId()));
        item.put("at", Attr.t(alert.at()));
        item.put("acknowledged", AttributeValue.fromBool(alert.acknowledged()));
        item.put("reason", s(alert.reason()));
        item.put(Keys.LIST_SORT, s(Attr.time(alert.at()) + "#" + alert.id()));
        AreaPath scope = alert.scope();
        AreaIndex.COMMUNITY.put(item, scope.communityId());
        AreaIndex.STREET.put(item, scope.streetId());
        AreaIndex.DISTRICT.put(item, scope.districtId());
        item.put(Keys.QUEUE_KEY, s(Keys.ALERT_OUTBOX));
        return Storage.call("raise alert", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException raisedBefore) {
                return false;
            }
        });
    }

    @Override
    public Optional<Alert> find(String id) {
        return Storage.call("read alert", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                    .item();
            return item == null || item.isEmpty() ? Optional.<Alert>empty() : Optional.of(fromItem(item));
        });
    }

    @Override
    public Page<Alert> list(AlertQuery query) {
        AreaIndex area = AreaIndex.of(query.areaType());
        String index = area.index;
        String partitionAttr = area.attribute;
        String partition = area.prefix + query.areaId();
        Map<String, AttributeValue> start = Cursor.decode(CURSOR_TAG + index, query.cursor(), partitionAttr,
                partition, sort -> true);
        Map<String, String> names = new HashMap<>(Map.of("#p", partitionAttr));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(partition)));
        List<String> filters = new ArrayList<>();
        if (query.level() != null) {
            names.put("#level", "level");
            values.put(":level", n(query.level()));
            filters.add("#level = :level");
        }
        if (query.acknowledged() != null) {
            names.put("#ack", "acknowledged");
            values.put(":ack", AttributeValue.fromBool(query.acknowledged()));
            filters.add("#ack = :ack");
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#p = :p").expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(false).limit(query.limit()).exclusiveStartKey(start);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        QueryResponse response = Storage.call("list alerts", () -> client.query(request.build()));
        return new Page<>(response.items().stream().map(DynamoAlertRepository::fromItem).toList(),
                Cursor.encode(CURSOR_TAG + index, response.lastEvaluatedKey()));
    }

    @Override
    public Alert acknowledge(Alert alert, String by, Instant at) {
        return Storage.call("acknowledge alert", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(alert.id()))
                        .updateExpression("SET #ack = :true, acknowledgedBy = :by, acknowledgedAt = :at")
                        .conditionExpression("attribute_exists(pk) AND #ack = :false")
                        .expressionAttributeNames(Map.of("#ack", "acknowledged"))
                        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
                                ":false", AttributeValue.fromBool(false), ":by", s(by), ":at", Attr.t(at))));
            } catch (ConditionalCheckFailedException acknowledgedBefore) {
                // the first acknowledgement stands
            }
            return alert.acknowledge();
        });
    }

    @Override
    public List<Alert> awaitingPublication(int limit) {
        QueryResponse response = Storage.call("read alert outbox", () -> client.query(b -> b.tableName(table)
                .indexName(Keys.BY_QUEUE).keyConditionExpression("#q = :q")
                .expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY))
                .expressionAttributeValues(Map.of(":q", s(Keys.ALERT_OUTBOX)))
                .scanIndexForward(true).limit(limit)));
        // re-read on the base items: the index may still list an alert already published, or an older copy
        List<Map<String, AttributeValue>> keys = response.items().stream()
                .map(item -> Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))).toList();
        return Batch.current(client, table, keys, "read alert outbox").stream()
                .filter(item -> item.containsKey(Keys.QUEUE_KEY)).map(DynamoAlertRepository::fromItem).toList();
    }

    @Override
    public void published(Alert alert) {
        Storage.call("clear alert outbox", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(alert.id()))
                        .updateExpression("REMOVE #q").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY)));
            } catch (ConditionalCheckFailedException gone) {
                // nothing left to take out of the outbox
            }
            return null;
        });
    }

    static Alert fromItem(Map<String, AttributeValue> item) {
        AttributeValue acknowledged = item.get("acknowledged");
        return new Alert(str(item, "id"), str(item, "requestId"), (int) num(item, "level"), str(item, "areaId"),
                new AreaPath(str(item, "communityId"), str(item, "streetId"), str(item, "districtId")),
                Attr.instant(item, "at"), acknowledged != null && Boolean.TRUE.equals(acknowledged.bool()),
                str(item, "reason"));
    }
}
