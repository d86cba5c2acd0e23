package diandan.devkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a piece of work costs in DynamoDB, counted at the client: calls by operation, items read, the read and
 * write units the engine reports ({@code ReturnConsumedCapacity=TOTAL}), and the write units DynamoDB bills
 * with its global secondary indexes ({@link WriteCost}, from each written item as it was before and after the
 * write, read through a second client that is not metered). Meant for one thread of work at a time: the
 * images of an item that others write at the same moment may mix.
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Write>> WRITES = new ExecutionAttribute<>("diandan.meter.writes");

    private final WriteCost cost;
    private final DynamoDbClient images;
    private final List<BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>>> watchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Integer> calls = new TreeMap<>();
    private final Map<String, Double> indexWriteUnits = new TreeMap<>();
    private long itemsRead;
    private double readUnits;
    private double engineWriteUnits;
    private double tableWriteUnits;
    private int itemWrites;
    private int refusedWrites;

    /** @param images a client of the same engine without this meter, to read items before and after writes */
    public CapacityMeter(WriteCost cost, DynamoDbClient images) {
        this.cost = cost;
        this.images = images;
    }

    /** A client of the local table's engine that this meter counts, with the template's indexes. */
    public static DynamoDbClient meteredClient(LocalTable table, CapacityMeter meter) {
        return table.engine().client(meter);
    }

    public static CapacityMeter forTable(LocalTable table) {
        return new CapacityMeter(WriteCost.fromTemplate(), table.client());
    }

    /**
     * A snapshot of the counts.
     *
     * @param readUnits read units as the engine reports them
     * @param engineWriteUnits the table's write units as the engine reports them (UTF-16 sizes, no indexes)
     * @param tableWriteUnits the table's write units as DynamoDB bills them (UTF-8 sizes)
     * @param indexWriteUnits the indexes' write units as DynamoDB bills them, by index
     * @param itemWrites items written (a batch counts each item), refused ones included
     * @param refusedWrites writes refused by their condition
     */
    public record Reading(Map<String, Integer> calls, long itemsRead, double readUnits, double engineWriteUnits,
                          double tableWriteUnits, Map<String, Double> indexWriteUnits, int itemWrites,
                          int refusedWrites) {
        /** Table and index write units: what DynamoDB bills for the writes. */
        public double writeUnits() {
            return tableWriteUnits + indexUnits();
        }

        public double indexUnits() {
            return indexWriteUnits.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public int calls(String operation) {
            return calls.getOrDefault(operation, 0);
        }

        public int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }

        public Reading plus(Reading other) {
            return combine(other, 1);
        }

        public Reading minus(Reading before) {
            return combine(before, -1);
        }

        private Reading combine(Reading other, int sign) {
            Map<String, Integer> callSum = new TreeMap<>(calls);
            other.calls.forEach((op, n) -> callSum.merge(op, sign * n, Integer::sum));
            callSum.values().removeIf(n -> n == 0);
            Map<String, Double> indexSum = new TreeMap<>(indexWriteUnits);
            other.indexWriteUnits.forEach((index, n) -> indexSum.merge(index, sign * n, Double::sum));
            indexSum.values().removeIf(n -> n == 0);
            return new Reading(callSum, itemsRead + sign * other.itemsRead, readUnits + sign * other.readUnits,
                    engineWriteUnits + sign * other.engineWriteUnits, tableWriteUnits + sign * other.tableWriteUnits,
                    indexSum, itemWrites + sign * other.itemWrites, refusedWrites + sign * other.refusedWrites);
        }
    }

    /** Nothing counted. */
    public static final Reading NOTHING = new Reading(Map.of(), 0, 0, 0, 0, Map.of(), 0, 0);

    /**
     * Also hands every write that took effect to {@code watcher}, as the item was before and after it (null when
     * absent): to bill the same writes another way (other indexes, say).
     */
    public void watch(BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>> watcher) {
        watchers.add(watcher);
    }

    public synchronized Reading read() {
        return new Reading(new TreeMap<>(calls), itemsRead, readUnits, engineWriteUnits, tableWriteUnits,
                new TreeMap<>(indexWriteUnits), itemWrites, refusedWrites);
    }

    /** An item write under way: which item, and how it looked before. */
    private record Write(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> before,
                         Map<String, AttributeValue> attempted) {
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        synchronized (this) {
            calls.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
        }
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof PutItemRequest r) {
            attributes.putAttribute(WRITES, List.of(write(r.tableName(), key(r.item()), r.item())));
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof UpdateItemRequest r) {
            attributes.putAttribute(WRITES, List.of(write(r.tableName(), r.key(), null)));
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof DeleteItemRequest r) {
            attributes.putAttribute(WRITES, List.of(write(r.tableName(), r.key(), null)));
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            List<Write> writes = new ArrayList<>();
            r.requestItems().forEach((table, requests) -> {
                for (WriteRequest w : requests) {
                    writes.add(w.putRequest() != null
                            ? write(table, key(w.putRequest().item()), w.putRequest().item())
                            : write(table, w.deleteRequest().key(), null));
                }
            });
            attributes.putAttribute(WRITES, writes);
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        synchronized (this) {
            if (response instanceof GetItemResponse r) {
                read(r.consumedCapacity());
                itemsRead += r.hasItem() && !r.item().isEmpty() ? 1 : 0;
            } else if (response instanceof QueryResponse r) {
                read(r.consumedCapacity());
                itemsRead += r.scannedCount() == null ? 0 : r.scannedCount();
            } else if (response instanceof BatchGetItemResponse r) {
                r.consumedCapacity().forEach(this::read);
                r.responses().values().forEach(items -> itemsRead += items.size());
            } else if (response instanceof PutItemResponse r) {
                engineWrite(r.consumedCapacity());
            } else if (response instanceof UpdateItemResponse r) {
                engineWrite(r.consumedCapacity());
            } else if (response instanceof DeleteItemResponse r) {
                engineWrite(r.consumedCapacity());
            } else if (response instanceof BatchWriteItemResponse r) {
                r.consumedCapacity().forEach(this::engineWrite);
            }
        }
        List<Write> writes = attributes.getAttribute(WRITES);
        if (writes != null) {
            for (Write write : writes) {
                Map<String, AttributeValue> after = image(write.table(), write.key());
                bill(cost.write(write.before(), after), false);
                watchers.forEach(watcher -> watcher.accept(write.before(), after));
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        List<Write> writes = attributes.getAttribute(WRITES);
        if (writes != null && context.exception() instanceof ConditionalCheckFailedException) {
            for (Write write : writes) {
                bill(cost.refused(write.before(), write.attempted()), true);
            }
        }
    }

    private synchronized void bill(WriteCost.Units units, boolean refused) {
        itemWrites++;
        refusedWrites += refused ? 1 : 0;
        tableWriteUnits += units.table();
        units.indexes().forEach((index, n) -> indexWriteUnits.merge(index, n, Double::sum));
    }

    private Write write(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> attempted) {
        return new Write(table, key, image(table, key), attempted);
    }

    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        cost.tableKeys().forEach(name -> key.put(name, item.get(name)));
        return key;
    }

    private Map<String, AttributeValue> image(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = images.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private void read(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            readUnits += capacity.capacityUnits();
        }
    }

    private void engineWrite(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            engineWriteUnits += capacity.capacityUnits();
        }
    }
}
