package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.t;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.Codes;
import diandan.domain.points.Redemption;
import diandan.port.points.RedemptionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A redemption on one item {@code REDEMPTION#<id>} / {@code REDEMPTION}; its state moves only by conditions. The
 * notes of open redemptions are small items of one partition {@code REDEEMING}, sorted by when they were opened
 * ({@code <epoch millis, 15 digits>#<id>}), so the schedule reads only those older than it looks for. A note lives
 * for the seconds of its call: the partition holds few items, written and deleted once per redemption.
 */
public final class DynamoRedemptionStore implements RedemptionStore {
    private static final String OPEN = "REDEEMING";
    private final DynamoDbClient client;
    private final String table;

    public DynamoRedemptionStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s("REDEMPTION#" + id), Keys.SK, s("REDEMPTION"));
    }

    @Override
    public Redemption create(Redemption r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.id()));
        item.put("type", s("redemption"));
        item.put("volunteerId", s(r.volunteerId()));
        item.put("merchantId", s(r.merchantId()));
        item.put("itemId", s(r.itemId()));
        item.put("itemName", s(r.itemName()));
        item.put("points", n(r.points()));
        item.put("code", s(r.code()));
        item.put("state", s(Codes.of(r.state())));
        item.put("pointsSince", n(r.pointsSince()));
        item.put("stockSince", n(r.stockSince()));
        item.put("at", t(r.at()));
        Storage.call("note open redemption", () -> client.putItem(b -> b.tableName(table).item(Map.of(Keys.PK,
                s(OPEN), Keys.SK, s(openKey(r.id(), r.at())), "type", s("openRedemption"), "redemptionId", s(r.id()),
                "at", t(r.at())))));
        return Storage.call("write redemption", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK)));
                return r;
            } catch (ConditionalCheckFailedException exists) {
                return find(r.id()).orElseThrow();
            }
        });
    }

    private static String openKey(String id, Instant at) {
        return String.format("%015d#%s", at.toEpochMilli(), id);
    }

    @Override
    public void closed(String id, Instant at) {
        Storage.call("close open redemption", () -> client.deleteItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(OPEN), Keys.SK, s(openKey(id, at))))));
    }

    @Override
    public List<Open> openBefore(Instant before, int limit) {
        return Storage.call("read open redemptions", () -> client.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("#p = :p AND #s < :before").limit(limit)
                .expressionAttributeNames(Map.of("#p", Keys.PK, "#s", Keys.SK))
                .expressionAttributeValues(Map.of(":p", s(OPEN), ":before", s(String.format("%015d",
                        before.toEpochMilli())))))).items().stream()
                .map(item -> new Open(item.get("redemptionId").s(), Attr.instant(item, "at"))).toList();
    }

    @Override
    public Optional<Redemption> find(String id) {
        Map<String, AttributeValue> item = Storage.call("read redemption", () -> client.getItem(b -> b
                .tableName(table).key(key(id)).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Redemption(id, item.get("volunteerId").s(), item.get("merchantId").s(),
                item.get("itemId").s(), item.get("itemName").s(), Long.parseLong(item.get("points").n()),
                item.get("code").s(), Codes.parse(Redemption.State.class, item.get("state").s()).orElseThrow(),
                Attr.str(item, "refusal"), Long.parseLong(item.get("pointsSince").n()),
                Long.parseLong(item.get("stockSince").n()), Attr.instant(item, "at"),
                Attr.instant(item, "handedOverAt"), Attr.str(item, "handedOverBy")));
    }

    @Override
    public boolean settle(String id, Redemption.State state, String refusal) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(Codes.of(state)),
                ":pending", s(Codes.of(Redemption.State.PENDING))));
        String set = "SET #st = :to";
        if (refusal != null) {
            values.put(":why", s(refusal));
            set += ", refusal = :why";
        }
        String update = set;
        return conditional("settle redemption", () -> client.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression(update).conditionExpression("#st = :pending")
                .expressionAttributeNames(Map.of("#st", "state")).expressionAttributeValues(values)));
    }

    @Override
    public boolean handOver(String id, String by, Instant at) {
        return conditional("hand over redemption", () -> client.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET handedOverAt = :at, handedOverBy = :by")
                .conditionExpression("#st = :done AND attribute_not_exists(handedOverAt)")
                .expressionAttributeNames(Map.of("#st", "state"))
                .expressionAttributeValues(Map.of(":at", t(at), ":by", s(by),
                        ":done", s(Codes.of(Redemption.State.DONE))))));
    }

    private static boolean conditional(String what, Runnable write) {
        return Storage.call(what, () -> {
            try {
                write.run();
                return true;
            } catch (ConditionalCheckFailedException notNow) {
                return false;
            }
        });
    }
}
