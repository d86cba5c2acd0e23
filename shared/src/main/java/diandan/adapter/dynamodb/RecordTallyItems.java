package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * An hours record's tally item, {@code HREC#id} / {@code TALLY}: what the rollup owes the record and what it has
 * added to the tallies for it. It is kept apart from the record because the record sits on five list indexes
 * that project it whole: marking the record itself changed each of those entries (7 write units a record), where
 * marking this item, on no index but the queue's, is a unit and the queue entry it leaves.
 * <ul>
 * <li>{@code queueKey} (sparse, on ByQueue) and {@code queuedVersion}: written before each change of the record
 * ({@link #owe}), naming the record's version that change makes. The record leaves the queue only when a batch
 * planned it at that version or later, so a change made after the plan keeps it queued.</li>
 * <li>{@code appliedHours}, {@code appliedRecords}, {@code appliedCheckInHours}, {@code appliedBatch}: what the
 * tallies hold for it, written by the rollup's mark. Records marked before this item existed hold them on the
 * record's own item, which counts until this item holds its own.</li>
 * </ul>
 * A writer that stops between the queue entry and the change leaves an entry whose version the record never
 * reaches; the rollup closes it ({@link #close}) by raising the record's version without changing it, and a
 * change still under way then finds the version moved, reads the record again and queues it anew.
 */
final class RecordTallyItems {
    static final String TYPE = "hours_tally";
    static final String QUEUED_VERSION = "queuedVersion";
    static final String APPLIED_BATCH = "appliedBatch";

    private RecordTallyItems() {
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s("HREC#" + id), Keys.SK, s("TALLY"));
    }

    /** Queues the record for the change that makes its version {@code version}; call before making it. */
    static void owe(DynamoDbClient client, String table, String id, String listSort, long version) {
        try {
            client.updateItem(b -> b.tableName(table).key(key(id))
                    .updateExpression("SET #q = :queue, #sort = :sort, #id = :id, #t = :type, #qv = :v")
                    .conditionExpression("attribute_not_exists(#qv) OR #qv < :v")
                    .expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY, "#sort", Keys.LIST_SORT, "#id", "id",
                            "#t", "type", "#qv", QUEUED_VERSION))
                    .expressionAttributeValues(Map.of(":queue", s(HoursItems.ROLLUP_QUEUE), ":sort", s(listSort),
                            ":id", s(id), ":type", s(TYPE), ":v", n(version))));
        } catch (ConditionalCheckFailedException owedAlready) {
            // queued for this version or a later one: that change is made after this one, or this one fails
        }
    }

    /** Whether the tally item waits for the rollup. */
    static boolean waiting(Map<String, AttributeValue> tally) {
        return tally != null && tally.containsKey(Keys.QUEUE_KEY);
    }

    /** Whether the change the item was queued for is not in the record: its writer is under way or stopped. */
    static boolean ahead(Map<String, AttributeValue> tally, Map<String, AttributeValue> record) {
        return tally.containsKey(QUEUED_VERSION) && num(tally, QUEUED_VERSION) > num(record, "version");
    }

    /**
     * Closes a change the queue announced and the record does not hold: raises the record's version unless it
     * moved meanwhile (then the change was made). Returns the record as it is now.
     */
    static Map<String, AttributeValue> close(DynamoDbClient client, String table, Map<String, AttributeValue> record) {
        try {
            return client.updateItem(b -> b.tableName(table).key(HoursItems.key(str(record, "id")))
                    .updateExpression("SET #v = #v + :one").conditionExpression("#v = :read")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":read", n(num(record, "version"))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException madeMeanwhile) {
            return client.getItem(b -> b.tableName(table).key(HoursItems.key(str(record, "id"))).consistentRead(true))
                    .item();
        }
    }

    /**
     * Moves a record queued on its own item (as records were before this item existed) onto its tally item, with
     * what the record says the tallies hold for it unless the tally item holds its own; then takes the record's
     * item off the queue. Stopping in between leaves both queued, and doing it again changes nothing more.
     */
    static Map<String, AttributeValue> takeOverQueue(DynamoDbClient client, String table,
                                                     Map<String, AttributeValue> record) {
        String id = str(record, "id");
        Map<String, String> names = new HashMap<>(Map.of("#q", Keys.QUEUE_KEY, "#sort", Keys.LIST_SORT, "#id", "id",
                "#t", "type", "#qv", QUEUED_VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queue", s(HoursItems.ROLLUP_QUEUE),
                ":sort", record.get(Keys.LIST_SORT), ":id", s(id), ":type", s(TYPE), ":v", record.get("version")));
        StringBuilder set = new StringBuilder("SET #q = :queue, #sort = :sort, #id = :id, #t = :type, "
                + "#qv = if_not_exists(#qv, :v)");
        if (record.containsKey(APPLIED_BATCH)) {
            for (String applied : new String[] {"appliedHours", "appliedRecords", "appliedCheckInHours", APPLIED_BATCH}) {
                names.put("#" + applied, applied);
                values.put(":" + applied, record.getOrDefault(applied, n(0)));
                set.append(", #").append(applied).append(" = if_not_exists(#").append(applied).append(", :")
                        .append(applied).append(")");
            }
        }
        Map<String, AttributeValue> tally = client.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression(set.toString()).expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        client.updateItem(b -> b.tableName(table).key(HoursItems.key(id)).updateExpression("REMOVE #q")
                .expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY)));
        return tally;
    }
}
