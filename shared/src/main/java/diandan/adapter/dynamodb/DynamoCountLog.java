package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.t;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import diandan.domain.points.LogEntry;
import diandan.port.points.CountLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A log in its own partition (the log's name, e.g. {@code PTS#<volunteer>}), one item per entry under
 * {@code E#<number, 19 digits>} so that the sort key orders them; an entry is written with
 * {@code attribute_not_exists} and never changed.
 *
 * <p>A log read together with others ({@link #totals}) also keeps a head, {@code HEAD}: the number and total of an
 * entry written, moved forward (never back) after each entry. A head only ever names an entry that exists, and the
 * numbers have no gap, so a log whose entry after its head does not exist stands at its head at that moment: two
 * BatchGetItems (the heads, then the entries after them) read any number of logs exactly. A head left behind (its
 * writer stopped between the entry and the head, or the log is older than heads) costs that log one Query, until
 * its next entry moves the head.
 */
public final class DynamoCountLog implements CountLog {
    private static final String HEAD = "HEAD";

    private final DynamoDbClient client;
    private final String table;
    private final Predicate<String> headed;

    /** @param headed which logs keep a head: those read many at a time */
    public DynamoCountLog(DynamoDbClient client, String table, Predicate<String> headed) {
        this.client = client;
        this.table = table;
        this.headed = headed;
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
        boolean appended = Storage.call("append to " + log, () -> {
            try {
                client.putItem(b -> b.tableName(table).item(once).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK)));
                return true;
            } catch (ConditionalCheckFailedException taken) {
                // taken, unless by this very write sent again after its answer was lost
                return Storage.holds(client, table, once);
            }
        });
        if (appended && headed.test(log)) {
            advanceHead(log, entry);
        }
        return appended;
    }

    /** Moves the log's head to the entry, unless a later entry's writer moved it further already. */
    private void advanceHead(String log, LogEntry entry) {
        Storage.call("advance head of " + log, () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(log, HEAD))
                        .updateExpression("SET #type = :type, seq = :seq, #total = :total")
                        .conditionExpression("attribute_not_exists(seq) OR seq < :seq")
                        .expressionAttributeNames(Map.of("#type", "type", "#total", "total"))
                        .expressionAttributeValues(Map.of(":type", s("logHead"), ":seq", n(entry.seq()),
                                ":total", n(entry.total()))));
            } catch (ConditionalCheckFailedException further) {
                // a later entry's head stands already
            }
            return null;
        });
    }

    private static Map<String, AttributeValue> key(String log, String sortKey) {
        return Map.of(Keys.PK, s(log), Keys.SK, s(sortKey));
    }

    @Override
    public Map<String, Long> totals(Collection<String> logs) {
        List<String> distinct = logs.stream().distinct().toList();
        Map<String, Long> seqs = new HashMap<>();
        Map<String, Long> totals = new HashMap<>();
        for (Map<String, AttributeValue> head : Batch.getConsistent(client, table,
                distinct.stream().map(log -> key(log, HEAD)).toList(), "read heads of logs")) {
            seqs.put(head.get(Keys.PK).s(), Long.parseLong(head.get("seq").n()));
            totals.put(head.get(Keys.PK).s(), Long.parseLong(head.get("total").n()));
        }
        Set<String> behind = Batch.getConsistent(client, table, distinct.stream()
                .map(log -> key(log, sortKey(seqs.getOrDefault(log, 0L) + 1))).toList(), "read past heads of logs")
                .stream().map(entry -> entry.get(Keys.PK).s()).collect(Collectors.toSet());
        Map<String, Long> counts = new HashMap<>();
        for (String log : distinct) {
            counts.put(log, behind.contains(log)
                    ? newestFirst(log, null, 1).stream().findFirst().map(LogEntry::total).orElse(0L)
                    : totals.getOrDefault(log, 0L));
        }
        return counts;
    }
}
