package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import diandan.adapter.events.NoticeJson;
import diandan.domain.notify.Delivery;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.domain.notify.Recipient;
import diandan.port.notify.DeliveryLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A request's deliveries in its own partition ({@code pk = DELIVERY#<requestId>}, {@code sk = <delivery id>}),
 * claimed by a conditional update: only a delivery nobody has, whose last attempt failed, or whose claim is
 * stale is taken. Held deliveries are also listed by due time in one partition ({@code pk = NOTIFY#HELD},
 * {@code sk = <due time>#<delivery id>}), so that the schedule reads just those due.
 */
public final class DynamoDeliveryLedger implements DeliveryLedger {
    private static final String HELD = "NOTIFY#HELD";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDeliveryLedger(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(Notice notice) {
        return key(notice.event().subjectId(), notice.deliveryId());
    }

    private static Map<String, AttributeValue> key(String requestId, String deliveryId) {
        return Map.of(Keys.PK, s("DELIVERY#" + requestId), Keys.SK, s(deliveryId));
    }

    @Override
    public boolean claim(Notice notice, Instant now, Instant staleBefore) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sending", s(Delivery.Outcome.SENDING.code()));
        values.put(":failed", s(Delivery.Outcome.FAILED.code()));
        values.put(":now", Attr.t(now));
        values.put(":stale", Attr.t(staleBefore));
        values.put(":role", s(notice.to().role().code()));
        values.put(":template", s(notice.template().code()));
        try {
            Storage.call("claim a delivery", () -> client.updateItem(b -> b.tableName(table).key(key(notice))
                    .updateExpression("SET outcome = :sending, claimedAt = :now, #at = :now, #role = :role, "
                            + "template = :template")
                    .conditionExpression("attribute_not_exists(outcome) OR outcome = :failed "
                            + "OR (outcome = :sending AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#at", "at", "#role", "role"))
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void finish(Delivery delivery) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":outcome", s(delivery.outcome().code()));
        values.put(":at", Attr.t(delivery.at()));
        StringBuilder update = new StringBuilder("SET outcome = :outcome, #at = :at");
        if (delivery.channel() != null) {
            values.put(":channel", s(delivery.channel().code()));
            update.append(", channel = :channel");
        }
        if (delivery.providerMessageId() != null) {
            values.put(":messageId", s(delivery.providerMessageId()));
            update.append(", messageId = :messageId");
        }
        Storage.call("record a delivery", () -> client.updateItem(b -> b.tableName(table)
                .key(key(delivery.requestId(), delivery.deliveryId())).updateExpression(update + " REMOVE claimedAt")
                .expressionAttributeNames(Map.of("#at", "at")).expressionAttributeValues(values)));
    }

    @Override
    public void hold(Notice notice, Instant until) {
        Storage.call("hold a delivery", () -> client.updateItem(b -> b.tableName(table).key(key(notice))
                .updateExpression("SET outcome = :held, #until = :until REMOVE claimedAt")
                .expressionAttributeNames(Map.of("#until", "until"))
                .expressionAttributeValues(Map.of(":held", s(Delivery.Outcome.HELD.code()), ":until", Attr.t(until)))));
        Map<String, AttributeValue> due = new HashMap<>(dueKey(notice, until));
        due.put("notice", s(NoticeJson.write(notice)));
        Storage.call("list a held delivery", () -> client.putItem(b -> b.tableName(table).item(due)));
    }

    private static Map<String, AttributeValue> dueKey(Notice notice, Instant until) {
        return Map.of(Keys.PK, s(HELD), Keys.SK, s(Attr.time(until) + "#" + notice.deliveryId()));
    }

    @Override
    public List<Held> due(Instant now, int limit) {
        // every due key starts with its time, and '$' sorts after '#': all held until now or before
        return Storage.call("read held deliveries", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("#p = :p AND #s < :upTo")
                .expressionAttributeNames(Map.of("#p", Keys.PK, "#s", Keys.SK))
                .expressionAttributeValues(Map.of(":p", s(HELD), ":upTo", s(Attr.time(now) + "$")))
                .consistentRead(true).limit(limit))).items().stream()
                .map(item -> {
                    String sk = Attr.str(item, Keys.SK);
                    return new Held(NoticeJson.read(Attr.str(item, "notice")), Instant.parse(sk.substring(0, sk.indexOf('#'))));
                }).toList();
    }

    @Override
    public boolean claimHeld(Held held, Instant now) {
        try {
            Storage.call("claim a held delivery", () -> client.updateItem(b -> b.tableName(table)
                    .key(key(held.notice())).updateExpression("SET outcome = :sending, claimedAt = :now")
                    .conditionExpression("outcome = :held")
                    .expressionAttributeValues(Map.of(":sending", s(Delivery.Outcome.SENDING.code()),
                            ":held", s(Delivery.Outcome.HELD.code()), ":now", Attr.t(now)))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void released(Held held) {
        Storage.call("unlist a held delivery", () -> client.deleteItem(b -> b.tableName(table)
                .key(dueKey(held.notice(), held.until()))));
    }

    @Override
    public List<Delivery> ofRequest(String requestId) {
        return Storage.call("read a request's deliveries", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", Keys.PK))
                .expressionAttributeValues(Map.of(":p", s("DELIVERY#" + requestId))).consistentRead(true)))
                .items().stream().map(item -> new Delivery(requestId, Attr.str(item, Keys.SK),
                        Recipient.Role.valueOf(Attr.str(item, "role").toUpperCase(Locale.ROOT)),
                        MessageTemplate.parse(Attr.str(item, "template")).orElseThrow(),
                        Delivery.Outcome.valueOf(Attr.str(item, "outcome").toUpperCase(Locale.ROOT)),
                        item.containsKey("channel")
                                ? MessageChannel.valueOf(Attr.str(item, "channel").toUpperCase(Locale.ROOT)) : null,
                        Attr.str(item, "messageId"), Attr.instant(item, "at")))
                .sorted(java.util.Comparator.comparing(Delivery::at)).toList();
    }
}
