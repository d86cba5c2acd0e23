package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import diandan.domain.HeldSlots;
import diandan.port.request.ResidentSlotRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per resident ({@code pk = SLOTS#<sub>}): {@code open} and {@code hour}, maps from request id to when
 * its submission took the slot (epoch milliseconds), and {@code v}, the version every change raises. A resident
 * holds at most the limits' worth of entries (the hour's are pruned on every take), so the item stays small.
 * Takes replace the whole item on the version read; a release removes one entry, raising the version, so that
 * a take computed before it is written over nothing it has not seen. A take without a read adds its two entries
 * on the condition of the maps' sizes (or creates the item, when there is none), raising the version too.
 */
public final class DynamoResidentSlotRepository implements ResidentSlotRepository {
    private static final String PREFIX = "SLOTS#";
    private static final String VERSION = "v";
    private static final String OPEN = "open";
    private static final String HOUR = "hour";

    private final DynamoDbClient client;
    private final String table;

    public DynamoResidentSlotRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public HeldSlots held(String resident) {
        Map<String, AttributeValue> item = Storage.call("read resident slots", () -> client.getItem(b -> b
                .tableName(table).key(key(resident)).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return HeldSlots.NONE;
        }
        return new HeldSlots(Attr.num(item, VERSION), times(item.get(OPEN)), times(item.get(HOUR)));
    }

    @Override
    public boolean replace(String resident, HeldSlots previous, HeldSlots next) {
        Map<String, AttributeValue> fields = new HashMap<>(key(resident));
        fields.put("type", s("slots"));
        fields.put(VERSION, n(previous.version() + 1));
        fields.put(OPEN, times(next.open()));
        fields.put(HOUR, times(next.lastHour()));
        Map<String, AttributeValue> item = Storage.once(fields);
        return Storage.call("take resident slots", () -> {
            try {
                if (previous.version() == 0) {
                    client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                } else {
                    client.putItem(b -> b.tableName(table).item(item).conditionExpression("#v = :v")
                            .expressionAttributeNames(Map.of("#v", VERSION))
                            .expressionAttributeValues(Map.of(":v", n(previous.version()))));
                }
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                return Storage.holds(client, table, item); // our write, sent again after its answer was lost
            }
        });
    }

    @Override
    public boolean takeUnread(String resident, String requestId, Instant at, int maxOpen, int maxInHour) {
        return Storage.call("take resident slots unread", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(resident))
                        .updateExpression("SET #open.#id = :at, #hour.#id = :at, #v = #v + :one")
                        .conditionExpression("attribute_exists(#v) AND size(#open) < :maxOpen "
                                + "AND size(#hour) < :maxInHour AND attribute_not_exists(#open.#id) "
                                + "AND attribute_not_exists(#hour.#id)")
                        .expressionAttributeNames(Map.of("#open", OPEN, "#hour", HOUR, "#id", requestId,
                                "#v", VERSION))
                        .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()), ":one", n(1),
                                ":maxOpen", n(maxOpen), ":maxInHour", n(maxInHour))));
                return true;
            } catch (ConditionalCheckFailedException notSo) {
                // full, or holding this request's already (perhaps by this very write, sent again by the SDK),
                // or no slots stored: the caller reads them
                return false;
            }
        });
    }

    @Override
    public boolean takeFirst(String resident, String requestId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(resident));
        item.put("type", s("slots"));
        item.put(VERSION, n(1));
        item.put(OPEN, times(Map.of(requestId, at)));
        item.put(HOUR, times(Map.of(requestId, at)));
        return Storage.call("take first resident slots", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException stored) {
                return false; // slots stored (perhaps by this very write, sent again by the SDK): the caller reads them
            }
        });
    }

    @Override
    public void withdraw(String resident, String requestId, Instant at) {
        Storage.call("withdraw resident slots", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(resident))
                        .updateExpression("REMOVE #open.#id, #hour.#id SET #v = #v + :one")
                        .conditionExpression("#hour.#id = :at")
                        .expressionAttributeNames(Map.of("#open", OPEN, "#hour", HOUR, "#id", requestId, "#v", VERSION))
                        .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()), ":one", n(1))));
            } catch (ConditionalCheckFailedException notThatTake) {
                // withdrawn before (a retry), or pruned
            }
            return null;
        });
    }

    @Override
    public void release(String resident, String requestId) {
        Storage.call("release resident slot", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(resident))
                        .updateExpression("REMOVE #open.#id SET #v = #v + :one")
                        .conditionExpression("attribute_exists(#open.#id)")
                        .expressionAttributeNames(Map.of("#open", OPEN, "#id", requestId, "#v", VERSION))
                        .expressionAttributeValues(Map.of(":one", n(1))));
            } catch (ConditionalCheckFailedException notHeld) {
                // given back before (a retry), or never taken
            }
            return null;
        });
    }

    private static Map<String, Instant> times(AttributeValue map) {
        Map<String, Instant> times = new HashMap<>();
        if (map != null && map.hasM()) {
            map.m().forEach((id, at) -> times.put(id, Instant.ofEpochMilli(Long.parseLong(at.n()))));
        }
        return times;
    }

    private static AttributeValue times(Map<String, Instant> times) {
        Map<String, AttributeValue> map = new HashMap<>();
        times.forEach((id, at) -> map.put(id, n(at.toEpochMilli())));
        return AttributeValue.fromM(map);
    }

    private static Map<String, AttributeValue> key(String resident) {
        return Map.of(Keys.PK, s(PREFIX + resident), Keys.SK, s("SLOTS"));
    }
}
