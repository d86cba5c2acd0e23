package diandan.devkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Global secondary indexes that lag, as DynamoDB's may: dynalite's never do. Every client built with this
 * interceptor reads the table itself fresh (GetItem, BatchGetItem, Query and Scan without an index), but a
 * Query or Scan on an index answers from a copy of the table, the "index image", that receives the table's
 * writes only once they are older than the lag window: an item written within it is missing from the indexes,
 * an item changed within it is found there as it was before (its old version, under its old index keys).
 *
 * <p>Each item's versions reach the index image in the order they were written, but different items' versions
 * independently: {@link #pause()} holds every write back until {@link #propagate} lets chosen items' writes
 * through (an index that has the second of two writes but not the first) or {@link #catchUp()} all of them.
 *
 * <p>The versions are the items as the table holds them just after each write (read through a client without
 * this interceptor); writes its condition refused change nothing and record nothing. Meant for one table.
 */
public final class StaleIndexes implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> WRITTEN =
            new ExecutionAttribute<>("diandan.stale-indexes.written");

    /** One item's version as written, not yet in the index image; {@code item} null when it was deleted. */
    private record Version(Map<String, AttributeValue> key, Map<String, AttributeValue> item, Instant at) {
    }

    private final LocalTable table;
    private final String image;
    private final List<String> keyAttributes;
    private final Clock clock;
    private final List<Version> pending = new ArrayList<>();
    private Duration window;

    private StaleIndexes(LocalTable table, String image, List<String> keyAttributes, Clock clock, Duration window) {
        this.table = table;
        this.image = image;
        this.keyAttributes = keyAttributes;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Indexes of {@code table} that show writes only once {@code window} has passed on {@code clock} (the test's
     * clock: a window of one second hides everything written since the clock last moved by more). The index image
     * starts as a copy of the table's items now.
     */
    public static StaleIndexes lagging(LocalTable table, Clock clock, Duration window) {
        TableDefinition definition = TableDefinition.fromTemplate(Template.load());
        String image = table.name() + "-indexes";
        definition.ensureCreated(table.client(), image);
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = table.client().scan(b -> b.tableName(table.name()).consistentRead(true)
                    .exclusiveStartKey(from));
            page.items().forEach(item -> table.client().putItem(b -> b.tableName(image).item(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new StaleIndexes(table, image, definition.keyAttributes(), clock, window);
    }

    /** The same table, read and written through a client whose index reads lag. */
    public LocalTable table() {
        return new LocalTable(table.engine(), table.engine().client(this), table.name());
    }

    /** From now on, writes reach the indexes only through {@link #propagate} or {@link #catchUp()}. */
    public synchronized void pause() {
        window = null;
    }

    /** Writes reach the indexes once older than {@code window}. */
    public synchronized void lagBy(Duration window) {
        this.window = window;
    }

    /** The held-back writes of the items whose key matches, in the order they were written, reach the indexes. */
    public synchronized void propagate(Predicate<Map<String, AttributeValue>> key) {
        apply(version -> key.test(version.key()));
    }

    /** Every held-back write reaches the indexes. */
    public synchronized void catchUp() {
        apply(version -> true);
    }

    /** How many writes the indexes do not show yet. */
    public synchronized int behind() {
        return pending.size();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof QueryRequest r && r.indexName() != null && r.tableName().equals(table.name())) {
            due();
            return r.toBuilder().tableName(image).build();
        } else if (request instanceof ScanRequest r && r.indexName() != null && r.tableName().equals(table.name())) {
            due();
            return r.toBuilder().tableName(image).build();
        } else if (request instanceof PutItemRequest r && r.tableName().equals(table.name())) {
            attributes.putAttribute(WRITTEN, List.of(key(r.item())));
        } else if (request instanceof UpdateItemRequest r && r.tableName().equals(table.name())) {
            attributes.putAttribute(WRITTEN, List.of(r.key()));
        } else if (request instanceof DeleteItemRequest r && r.tableName().equals(table.name())) {
            attributes.putAttribute(WRITTEN, List.of(r.key()));
        } else if (request instanceof BatchWriteItemRequest r) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (WriteRequest w : r.requestItems().getOrDefault(table.name(), List.of())) {
                keys.add(w.putRequest() != null ? key(w.putRequest().item()) : w.deleteRequest().key());
            }
            attributes.putAttribute(WRITTEN, keys);
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<Map<String, AttributeValue>> written = attributes.getAttribute(WRITTEN);
        if (written == null) {
            return;
        }
        for (Map<String, AttributeValue> key : written) {
            Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(key)
                    .consistentRead(true)).item();
            synchronized (this) {
                pending.add(new Version(key, item == null || item.isEmpty() ? null : item, clock.instant()));
            }
        }
    }

    /** Lets through the writes the window has passed. */
    private synchronized void due() {
        if (window != null) {
            Instant before = clock.instant().minus(window);
            apply(version -> !version.at().isAfter(before));
        }
    }

    /** Applies the chosen versions to the index image; an item's version never overtakes its earlier one. */
    private void apply(Predicate<Version> chosen) {
        Set<Map<String, AttributeValue>> heldBack = new HashSet<>();
        for (Iterator<Version> it = pending.iterator(); it.hasNext(); ) {
            Version version = it.next();
            if (!chosen.test(version) || heldBack.contains(version.key())) {
                heldBack.add(version.key());
            } else {
                if (version.item() == null) {
                    table.client().deleteItem(b -> b.tableName(image).key(version.key()));
                } else {
                    table.client().putItem(b -> b.tableName(image).item(version.item()));
                }
                it.remove();
            }
        }
    }

    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        keyAttributes.forEach(name -> key.put(name, item.get(name)));
        return key;
    }
}
