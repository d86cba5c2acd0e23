package diandan.hours;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The store as one process sees it: counts the writes it makes and the items it reads, and can die at its
 * {@code crashAt}-th write, just before sending it or just after it was applied (the nastier case: the store
 * changed, the process never learnt), or see the store refuse that write. From then on every call of a dead
 * process fails, as nothing runs in it.
 */
final class ProbeClient implements DynamoDbClient {
    /** The injected death. */
    static final class Crash extends RuntimeException {
        Crash(int write) {
            super("injected crash at write " + write, null, false, false);
        }
    }

    /**
     * BEFORE_WRITE, AFTER_WRITE: the process dies there. REFUSED_WRITE: the store fails that one write (a
     * connection reset) and the process lives on.
     */
    enum When { BEFORE_WRITE, AFTER_WRITE, REFUSED_WRITE }

    private final DynamoDbClient store;
    private final int crashAt;
    private final When when;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean dead;

    private final AtomicInteger itemsRead = new AtomicInteger();

    ProbeClient(DynamoDbClient store, int crashAt, When when) {
        this.store = store;
        this.crashAt = crashAt;
        this.when = when;
    }

    /** A process that never dies: only counts. */
    static ProbeClient counting(DynamoDbClient store) {
        return new ProbeClient(store, 0, When.BEFORE_WRITE);
    }

    int writes() {
        return writes.get();
    }

    int itemsRead() {
        return itemsRead.get();
    }

    /** Whether the process got as far as its fatal (or refused) write. */
    boolean struck() {
        return crashAt > 0 && writes.get() >= crashAt;
    }

    private <T> T write(Supplier<T> call) {
        if (dead) {
            throw new Crash(writes.get());
        }
        int write = writes.incrementAndGet();
        if (write == crashAt && when == When.REFUSED_WRITE) {
            throw SdkClientException.create("injected: connection reset at write " + write);
        }
        if (write == crashAt && when == When.BEFORE_WRITE) {
            dead = true;
            throw new Crash(write);
        }
        T result = call.get();
        if (write == crashAt) {
            dead = true;
            throw new Crash(write);
        }
        return result;
    }

    private <T> T read(Supplier<T> call) {
        if (dead) {
            throw new Crash(writes.get());
        }
        return call.get();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return write(() -> store.putItem(request));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return write(() -> store.updateItem(request));
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = read(() -> store.getItem(request));
        itemsRead.addAndGet(response.hasItem() ? 1 : 0);
        return response;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = read(() -> store.query(request));
        itemsRead.addAndGet(response.count());
        return response;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = read(() -> store.batchGetItem(request));
        response.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
        return response;
    }

    @Override
    public String serviceName() {
        return store.serviceName();
    }

    @Override
    public void close() {
        // the store outlives the dead process
    }
}
