package diandan.devkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB as the code under test meets it, seen from inside the SDK: one {@link ExecutionInterceptor} that counts
 * what a piece of work asks of the store and, when told to, makes its writes fail the ways networks, engines and
 * processes fail. Put it on a client ({@link #client()}, or {@code addExecutionInterceptor} on a client built
 * with other settings) and hand that client to the code under test; the code cannot tell it is there.
 *
 * <p>It always counts, per operation, the calls (once per call, whatever the SDK's attempts), the items read and
 * returned, the items written and those refused by their condition, and the Queries by partition. Built
 * {@link Builder#metered() metered}, it also asks the engine for the capacity each call consumed and bills each
 * write as DynamoDB does with the template's indexes ({@link WriteCost}, from the item before and after the
 * write, read through the plain client): capacity for cost tests and the benchmark.
 *
 * <p>Faults strike writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem), counted from when they are armed:
 * {@link #failAt} one {@link Fault} at the n-th write, or {@link #randomly} each write by chance. Reads are never
 * faulted, except after a process has died: the point is what writes leave behind.
 */
public final class StoreProbe implements ExecutionInterceptor {
    /** How a write fails. */
    public enum Fault {
        /** The store refuses the write before applying it (a connection reset): the caller hears a client error. */
        REFUSED,
        /** The write is applied, and the caller hears a client error instead of its answer, and lives on. */
        UNANSWERED,
        /** The write is applied twice (the network delivers it again); the caller hears of the first. */
        DELIVERED_TWICE,
        /**
         * The caller's process dies just before sending the write: this and every later call through the probe
         * throw {@link Crash}, until it is armed again.
         */
        CRASH_BEFORE,
        /** The process dies just after the write was applied, before it hears the answer; then as CRASH_BEFORE. */
        CRASH_AFTER,
        /** The engine stops as the write goes out ({@link Builder#stoppingEngineWith}): every attempt is refused. */
        STOPPED,
        /** Every attempt of the write waits past the SDK's attempt timeout ({@link Builder#slowing}). */
        SLOWED,
        /**
         * Every attempt is answered {@code ProvisionedThroughputExceededException}, as the store throttles: sent to
         * the engine as an operation it does not know, so nothing is applied.
         */
        THROTTLED,
        /** The first attempt is applied and its answer lost (a connection reset): the SDK sends the write again. */
        ANSWER_LOST,
        /**
         * The first attempt is applied, then the engine stops before answering: the SDK's attempts to send it
         * again are refused, and the caller cannot know whether it landed.
         */
        LANDED_THEN_STOPPED
    }

    /** What {@link Fault#CRASH_BEFORE} and {@link Fault#CRASH_AFTER} throw: the process is gone. */
    public static final class Crash extends RuntimeException {
        Crash(int write) {
            super("injected crash at write " + write, null, false, false);
        }
    }

    private static final Set<Fault> BY_CHANCE = EnumSet.of(Fault.REFUSED, Fault.UNANSWERED, Fault.DELIVERED_TWICE);
    /** Faults that act once the write has succeeded: none when the store refuses it. */
    private static final Set<Fault> AFTER_THE_WRITE = EnumSet.of(Fault.UNANSWERED, Fault.DELIVERED_TWICE,
            Fault.CRASH_AFTER);
    private static final Set<Fault> NEED_ENGINE_STOP = EnumSet.of(Fault.STOPPED, Fault.LANDED_THEN_STOPPED);
    private static final ExecutionAttribute<Set<Fault>> STRUCK = new ExecutionAttribute<>("diandan.probe.struck");
    private static final ExecutionAttribute<Integer> WRITE_NUMBER = new ExecutionAttribute<>("diandan.probe.write");
    private static final ExecutionAttribute<Boolean> ANSWER_LOST = new ExecutionAttribute<>("diandan.probe.lost");
    private static final ExecutionAttribute<List<Write>> BILLED = new ExecutionAttribute<>("diandan.probe.billed");

    /**
     * Where a thread's work stands in its chain of round trips, for {@link Reading#sequentialCalls}. Work that makes
     * calls at the same time runs each piece on a thread started for it and waits for them all
     * ({@code diandan.app.Together}). A new thread inherits its starter's place ({@link InheritableThreadLocal}):
     * its first call follows the calls made before it was started. The starter's next call follows those of every
     * thread it started, for it waited for them. So the count follows what waits for what, not the clock: calls
     * made at the same time count once however the threads happen to be scheduled. (It assumes that a thread makes
     * no call while threads it started still run, as {@code Together}'s callers wait; and a pooled thread, started
     * once for many tasks, would count as its first starter's: concurrency through a pool is not seen. A thread
     * that has never touched the probe starts no chain its threads inherit: the thread that builds the probe has
     * one from the start, and the threads it starts are followed from theirs.)
     */
    private static final class Chain {
        private final Chain root;
        private final List<Chain> started = new ArrayList<>();
        /** Calls made one after another up to this thread's latest call. */
        private int depth;
        /** The root's: the longest chain of its whole tree so far. */
        private int longest;

        private Chain(Chain starter) {
            this.root = starter == null ? this : starter.root;
            this.depth = starter == null ? 0 : starter.reached();
        }

        /** The depth this thread's work has reached, with that of the threads it started. */
        private int reached() {
            int reached = depth;
            for (Chain child : started) {
                reached = Math.max(reached, child.reached());
            }
            return reached;
        }

        /** A call starts on this thread, after all it started. How much longer the root's longest chain became. */
        private int call() {
            depth = reached() + 1;
            started.clear();
            int longer = Math.max(0, depth - root.longest);
            root.longest = Math.max(root.longest, depth);
            return longer;
        }
    }

    /** An item write under way: which item, how it looked before, and what was sent. */
    private record Write(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> before,
                         Map<String, AttributeValue> attempted) {
    }

    /**
     * A snapshot of the counts.
     *
     * @param calls calls by operation ({@code GetItem}, {@code Query}, ...), each once whatever its attempts
     * @param itemsReturned items the calls handed back, by operation (after a Query's filter)
     * @param indexItemsReturned of those, the items Queries and Scans on an index returned
     * @param itemsRead items the store read: what Queries and Scans examined, what GetItem and BatchGetItem found
     * @param partitionQueries Queries by the value of their partition placeholder {@code :p}
     * @param itemWrites items the writes sent (a batch counts each item)
     * @param refusedWrites items of writes refused by their condition
     * @param readUnits read units as the engine reports them (metered only)
     * @param engineWriteUnits the table's write units as the engine reports them: UTF-16 sizes, no indexes
     *                         (metered only)
     * @param tableWriteUnits the table's write units as DynamoDB bills them, UTF-8 sizes (metered only)
     * @param indexWriteUnits the indexes' write units as DynamoDB bills them, by index (metered only)
     * @param sequentialCalls the calls made one after another: the round trips on the longest chain of calls
     *                        where each started after the one before it had answered (see {@link Chain})
     */
    public record Reading(Map<String, Integer> calls, Map<String, Long> itemsReturned, long indexItemsReturned,
                          long itemsRead, Map<String, Integer> partitionQueries, int itemWrites, int refusedWrites,
                          double readUnits, double engineWriteUnits, double tableWriteUnits,
                          Map<String, Double> indexWriteUnits, int sequentialCalls) {
        /** Nothing counted. */
        public static final Reading NOTHING = new Reading(Map.of(), Map.of(), 0, 0, Map.of(), 0, 0, 0, 0, 0, Map.of(),
                0);

        public int calls(String operation) {
            return calls.getOrDefault(operation, 0);
        }

        public int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Write calls: PutItem, UpdateItem, DeleteItem and BatchWriteItem. */
        public int writeCalls() {
            return calls("PutItem") + calls("UpdateItem") + calls("DeleteItem") + calls("BatchWriteItem");
        }

        public long itemsReturned(String operation) {
            return itemsReturned.getOrDefault(operation, 0L);
        }

        /** Items the point reads (GetItem, BatchGetItem) returned. */
        public long itemsGot() {
            return itemsReturned("GetItem") + itemsReturned("BatchGetItem");
        }

        public long totalItemsReturned() {
            return itemsReturned.values().stream().mapToLong(Long::longValue).sum();
        }

        public int partitionQueries(String partition) {
            return partitionQueries.getOrDefault(partition, 0);
        }

        /** Table and index write units: what DynamoDB bills for the writes. */
        public double writeUnits() {
            return tableWriteUnits + indexUnits();
        }

        public double indexUnits() {
            return indexWriteUnits.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public Reading plus(Reading other) {
            return combine(other, 1);
        }

        public Reading minus(Reading before) {
            return combine(before, -1);
        }

        private Reading combine(Reading other, int sign) {
            return new Reading(merge(calls, other.calls, n -> sign * n, Integer::sum),
                    merge(itemsReturned, other.itemsReturned, n -> sign * n, Long::sum),
                    indexItemsReturned + sign * other.indexItemsReturned, itemsRead + sign * other.itemsRead,
                    merge(partitionQueries, other.partitionQueries, n -> sign * n, Integer::sum),
                    itemWrites + sign * other.itemWrites, refusedWrites + sign * other.refusedWrites,
                    readUnits + sign * other.readUnits, engineWriteUnits + sign * other.engineWriteUnits,
                    tableWriteUnits + sign * other.tableWriteUnits,
                    merge(indexWriteUnits, other.indexWriteUnits, n -> sign * n, Double::sum),
                    sequentialCalls + sign * other.sequentialCalls);
        }

        private static <N extends Number> Map<String, N> merge(Map<String, N> mine, Map<String, N> theirs,
                                                               UnaryOperator<N> signed,
                                                               BinaryOperator<N> sum) {
            Map<String, N> merged = new TreeMap<>(mine);
            theirs.forEach((key, n) -> merged.merge(key, signed.apply(n), sum));
            merged.values().removeIf(n -> n.doubleValue() == 0);
            return merged;
        }
    }

    /**
     * How a probe is built. Defaults: counting only (no capacity, no billing), faults by chance from seed 1, no
     * engine to stop (STOPPED and LANDED_THEN_STOPPED cannot be armed), no slowing (SLOWED cannot be armed).
     */
    public static final class Builder {
        private final Dynalite engine;
        private final DynamoDbClient plain;
        private WriteCost cost;
        private long seed = 1;
        private Runnable stopEngine;
        private Duration slowing;

        private Builder(Dynalite engine, DynamoDbClient plain) {
            this.engine = engine;
            this.plain = plain;
        }

        /** Capacity and billing with the template's table and indexes. */
        public Builder metered() {
            return metered(WriteCost.fromTemplate());
        }

        /**
         * Capacity and billing with these keys and indexes: each call asks for its consumed capacity, each write
         * costs two reads of the item through the plain client. Meant for one thread of work at a time: the
         * images of an item that others write at the same moment may mix.
         */
        public Builder metered(WriteCost cost) {
            this.cost = cost;
            return this;
        }

        /** The seed of {@link #randomly}'s chances: the same seed and work, the same faults. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** What stops the engine when STOPPED or LANDED_THEN_STOPPED strikes (the test starts it again). */
        public Builder stoppingEngineWith(Runnable stop) {
            this.stopEngine = stop;
            return this;
        }

        /** How long each attempt of a SLOWED write waits before it fails: longer than the SDK's attempt timeout. */
        public Builder slowing(Duration wait) {
            this.slowing = wait;
            return this;
        }

        public StoreProbe build() {
            return new StoreProbe(this);
        }
    }

    private final Dynalite engine;
    private final DynamoDbClient plain;
    private final WriteCost cost;
    private final Random random;
    private final Runnable stopEngine;
    private final Duration slowing;
    private final List<BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>>> watchers =
            new CopyOnWriteArrayList<>();
    private final InheritableThreadLocal<Chain> chains = new InheritableThreadLocal<>() {
        @Override
        protected Chain initialValue() {
            return new Chain(null);
        }

        @Override
        protected Chain childValue(Chain starter) {
            synchronized (StoreProbe.this) {
                Chain child = new Chain(starter);
                starter.started.add(child);
                return child;
            }
        }
    };

    private Reading counted = Reading.NOTHING;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private Map<Fault, Double> chances = Map.of();
    private Fault armed;
    private int atWrite;
    private int writes;
    private boolean struck;
    private boolean dead;

    private StoreProbe(Builder builder) {
        this.engine = builder.engine;
        this.plain = builder.plain;
        this.cost = builder.cost;
        this.random = new Random(builder.seed);
        this.stopEngine = builder.stopEngine;
        this.slowing = builder.slowing;
        chains.get(); // this thread's chain, which the threads it starts inherit even before it makes a call itself
    }

    /** A probe of the local table's engine; the table's own client is the plain one, never probed. */
    public static Builder on(LocalTable table) {
        return new Builder(table.engine(), table.client());
    }

    /** A probe of this engine; {@code plain} is a client of it without the probe. */
    public static Builder on(Dynalite engine, DynamoDbClient plain) {
        return new Builder(engine, plain);
    }

    /** A new client of the engine that this probe sees. */
    public DynamoDbClient client() {
        return engine.client(this);
    }

    public synchronized Reading reading() {
        return counted;
    }

    /** Counting starts again from nothing. */
    public synchronized void reset() {
        counted = Reading.NOTHING;
    }

    /**
     * Also hands every write that took effect to {@code watcher}, as the item was before and after it (null when
     * absent): to bill the same writes another way (other indexes, say). Metered probes only.
     */
    public void watch(BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>> watcher) {
        requireMetered();
        watchers.add(watcher);
    }

    /**
     * From now, the {@code write}-th write fails as {@code fault} says, on all its attempts; writes are counted
     * from here, and a process that died before lives again.
     */
    public synchronized void failAt(Fault fault, int write) {
        if (NEED_ENGINE_STOP.contains(fault) && stopEngine == null) {
            throw new IllegalStateException(fault + " needs the builder's stoppingEngineWith");
        }
        if (fault == Fault.SLOWED && slowing == null) {
            throw new IllegalStateException("SLOWED needs the builder's slowing");
        }
        armed = fault;
        atWrite = write;
        writes = 0;
        struck = false;
        dead = false;
    }

    /**
     * From now, each write fails by chance, each fault rolled on its own: REFUSED before the write, then
     * DELIVERED_TWICE and UNANSWERED after it; an empty map stops it.
     */
    public synchronized void randomly(Map<Fault, Double> chances) {
        if (!BY_CHANCE.containsAll(chances.keySet())) {
            throw new IllegalArgumentException("by chance: only " + BY_CHANCE);
        }
        this.chances = Map.copyOf(chances);
    }

    /** No more faults; writes are counted from here. */
    public synchronized void disarm() {
        armed = null;
        chances = Map.of();
        writes = 0;
        struck = false;
        dead = false;
    }

    /** Writes since the probe was last armed or disarmed. */
    public synchronized int writes() {
        return writes;
    }

    /** Whether the armed fault met its write (work with fewer writes never meets it). */
    public synchronized boolean struck() {
        return struck;
    }

    /** Faults that struck so far, by kind; one that acts after its write only if the write succeeded. */
    public synchronized Map<Fault, Integer> injected() {
        return Map.copyOf(injected);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String operation = operation(request);
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        int write;
        synchronized (this) {
            if (dead) {
                throw new Crash(writes);
            }
            count(called(operation, partition(request), itemsSent(request), chains.get().call()));
            if (!isWrite(request)) {
                return;
            }
            write = ++writes;
            if (armed != null && write == atWrite) {
                struck = true;
                faults.add(armed);
            }
            chances.forEach((fault, chance) -> {
                if (random.nextDouble() < chance) {
                    faults.add(fault);
                }
            });
            for (Fault before : List.of(Fault.CRASH_BEFORE, Fault.REFUSED)) {
                if (faults.contains(before)) {
                    faults.retainAll(Set.of(before)); // the write never goes out: nothing after it can happen
                }
            }
            faults.stream().filter(fault -> !AFTER_THE_WRITE.contains(fault)).forEach(this::inject);
            if (faults.contains(Fault.CRASH_BEFORE)) {
                dead = true;
            }
        }
        attributes.putAttribute(STRUCK, faults);
        attributes.putAttribute(WRITE_NUMBER, write);
        if (faults.contains(Fault.CRASH_BEFORE)) {
            throw new Crash(write);
        }
        if (faults.contains(Fault.REFUSED)) {
            throw SdkClientException.create("injected: the store refused write " + write + " (connection reset)");
        }
        if (faults.contains(Fault.STOPPED)) {
            stopEngine.run();
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (cost == null) {
            return context.request();
        }
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof ScanRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof PutItemRequest r) {
            attributes.putAttribute(BILLED, List.of(billed(r.tableName(), key(r.item()), r.item())));
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof UpdateItemRequest r) {
            attributes.putAttribute(BILLED, List.of(billed(r.tableName(), r.key(), null)));
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof DeleteItemRequest r) {
            attributes.putAttribute(BILLED, List.of(billed(r.tableName(), r.key(), null)));
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            List<Write> billed = new ArrayList<>();
            r.requestItems().forEach((table, requests) -> {
                for (WriteRequest w : requests) {
                    billed.add(w.putRequest() != null
                            ? billed(table, key(w.putRequest().item()), w.putRequest().item())
                            : billed(table, w.deleteRequest().key(), null));
                }
            });
            attributes.putAttribute(BILLED, billed);
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (struck(attributes, Fault.SLOWED)) {
            try {
                Thread.sleep(slowing.toMillis());
            } catch (InterruptedException timedOut) {
                Thread.currentThread().interrupt();
            }
            throw SdkClientException.create("injected: the store answered later than the attempt timeout");
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (struck(attributes, Fault.THROTTLED)) {
            return context.httpRequest().toBuilder().putHeader("X-Amz-Target", "DynamoDB_20120810.Throttled").build();
        }
        return context.httpRequest();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                            ExecutionAttributes attributes) {
        if (struck(attributes, Fault.THROTTLED)) {
            return Optional.of(new ByteArrayInputStream(("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                    + "ProvisionedThroughputExceededException\",\"message\":\"injected throttling\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        boolean landedThenStopped = struck(attributes, Fault.LANDED_THEN_STOPPED);
        if ((landedThenStopped || struck(attributes, Fault.ANSWER_LOST)) && attributes.getAttribute(ANSWER_LOST) == null) {
            attributes.putAttribute(ANSWER_LOST, true);
            if (landedThenStopped) {
                stopEngine.run();
            }
            throw SdkClientException.builder().message("injected: connection reset")
                    .cause(new IOException("connection reset")).build();
        }
        return context.httpResponse();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        boolean index = context.request() instanceof QueryRequest q ? q.indexName() != null
                : context.request() instanceof ScanRequest s && s.indexName() != null;
        synchronized (this) {
            if (response instanceof GetItemResponse r) {
                int found = r.hasItem() && !r.item().isEmpty() ? 1 : 0;
                count(read("GetItem", found, found, 0, r.consumedCapacity()));
            } else if (response instanceof QueryResponse r) {
                count(read("Query", r.count(), r.scannedCount(), index ? r.count() : 0, r.consumedCapacity()));
            } else if (response instanceof ScanResponse r) {
                count(read("Scan", r.count(), r.scannedCount(), index ? r.count() : 0, r.consumedCapacity()));
            } else if (response instanceof BatchGetItemResponse r) {
                int found = r.responses().values().stream().mapToInt(List::size).sum();
                count(read("BatchGetItem", found, found, 0, null));
                r.consumedCapacity().forEach(c -> count(read("BatchGetItem", 0, 0, 0, c)));
            } else if (response instanceof PutItemResponse r) {
                count(engineWrite(r.consumedCapacity()));
            } else if (response instanceof UpdateItemResponse r) {
                count(engineWrite(r.consumedCapacity()));
            } else if (response instanceof DeleteItemResponse r) {
                count(engineWrite(r.consumedCapacity()));
            } else if (response instanceof BatchWriteItemResponse r) {
                r.consumedCapacity().forEach(c -> count(engineWrite(c)));
            }
        }
        List<Write> billed = attributes.getAttribute(BILLED);
        if (billed != null) {
            for (Write write : billed) {
                Map<String, AttributeValue> after = image(write.table(), write.key());
                bill(cost.write(write.before(), after));
                watchers.forEach(watcher -> watcher.accept(write.before(), after));
            }
        }
        Set<Fault> faults = attributes.getAttribute(STRUCK);
        if (faults == null || faults.isEmpty()) {
            return;
        }
        synchronized (this) {
            faults.stream().filter(AFTER_THE_WRITE::contains).forEach(this::inject);
        }
        if (faults.contains(Fault.DELIVERED_TWICE)) {
            deliverAgain(context.request());
        }
        if (faults.contains(Fault.CRASH_AFTER)) {
            synchronized (this) {
                dead = true;
            }
            throw new Crash(attributes.getAttribute(WRITE_NUMBER));
        }
        if (faults.contains(Fault.UNANSWERED)) {
            throw SdkClientException.create("injected: the answer of write " + attributes.getAttribute(WRITE_NUMBER)
                    + " was lost after it was applied");
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (!(context.exception() instanceof ConditionalCheckFailedException)) {
            return;
        }
        int items = itemsSent(context.request());
        synchronized (this) {
            count(refused(items));
        }
        List<Write> billed = attributes.getAttribute(BILLED);
        if (billed != null) {
            billed.forEach(write -> bill(cost.refused(write.before(), write.attempted())));
        }
    }

    private void inject(Fault fault) {
        injected.merge(fault, 1, Integer::sum);
    }

    private void count(Reading more) {
        counted = counted.plus(more);
    }

    private static Reading read(String operation, int returned, Integer examined, int fromIndex,
                                ConsumedCapacity capacity) {
        double units = capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
        return new Reading(Map.of(), returned == 0 ? Map.of() : Map.of(operation, (long) returned), fromIndex,
                examined == null ? 0 : examined, Map.of(), 0, 0, units, 0, 0, Map.of(), 0);
    }

    private static Reading engineWrite(ConsumedCapacity capacity) {
        double units = capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
        return new Reading(Map.of(), Map.of(), 0, 0, Map.of(), 0, 0, 0, units, 0, Map.of(), 0);
    }

    private synchronized void bill(WriteCost.Units units) {
        count(new Reading(Map.of(), Map.of(), 0, 0, Map.of(), 0, 0, 0, 0, units.table(), units.indexes(), 0));
    }

    private static Reading called(String operation, Map<String, Integer> partitionQueries, int itemsSent,
                                  int longerChain) {
        return new Reading(Map.of(operation, 1), Map.of(), 0, 0, partitionQueries, itemsSent, 0, 0, 0, 0, Map.of(),
                longerChain);
    }

    private static Reading refused(int items) {
        return new Reading(Map.of(), Map.of(), 0, 0, Map.of(), 0, items, 0, 0, 0, Map.of(), 0);
    }

    /** The same write once more, through the plain client; the caller hears only of the first. */
    private void deliverAgain(SdkRequest request) {
        try {
            if (request instanceof PutItemRequest r) {
                plain.putItem(r);
            } else if (request instanceof UpdateItemRequest r) {
                plain.updateItem(r);
            } else if (request instanceof DeleteItemRequest r) {
                plain.deleteItem(r);
            } else if (request instanceof BatchWriteItemRequest r) {
                plain.batchWriteItem(r);
            }
        } catch (DynamoDbException secondDeliveryRefused) {
            // its condition no longer holds: the store refuses the copy, as it would
        }
    }

    private static boolean struck(ExecutionAttributes attributes, Fault fault) {
        Set<Fault> faults = attributes.getAttribute(STRUCK);
        return faults != null && faults.contains(fault);
    }

    private void requireMetered() {
        if (cost == null) {
            throw new IllegalStateException("a probe built without metered() bills nothing");
        }
    }

    private Write billed(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> attempted) {
        return new Write(table, key, image(table, key), attempted);
    }

    private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        cost.tableKeys().forEach(name -> key.put(name, item.get(name)));
        return key;
    }

    private Map<String, AttributeValue> image(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = plain.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String operation(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }

    private static boolean isWrite(SdkRequest request) {
        return request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest || request instanceof BatchWriteItemRequest;
    }

    private static int itemsSent(SdkRequest request) {
        if (request instanceof BatchWriteItemRequest r) {
            return r.requestItems().values().stream().mapToInt(List::size).sum();
        }
        return isWrite(request) ? 1 : 0;
    }

    private static Map<String, Integer> partition(SdkRequest request) {
        if (request instanceof QueryRequest r && r.hasExpressionAttributeValues()) {
            AttributeValue partition = r.expressionAttributeValues().get(":p");
            if (partition != null && partition.s() != null) {
                return Map.of(partition.s(), 1);
            }
        }
        return Map.of();
    }
}
