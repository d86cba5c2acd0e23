package diandan.hours;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
 * A process that dies at its {@code crashAt}-th write: just before sending it, or just after it was applied
 * (the nastier case: the store changed, the caller never learnt). From then on every call fails, as nothing
 * runs in a dead process.
 */
final class CrashingClient implements DynamoDbClient {
    /** The injected death. */
    static final class Crash extends RuntimeException {
        Crash(int write) {
            super("injected crash at write " + write, null, false, false);
        }
    }

    enum When { BEFORE_WRITE, AFTER_WRITE }

    private final DynamoDbClient store;
    private final int crashAt;
    private final When when;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean dead;

    CrashingClient(DynamoDbClient store, int crashAt, When when) {
        this.store = store;
        this.crashAt = crashAt;
        this.when = when;
    }

    boolean crashed() {
        return dead;
    }

    private <T> T write(Supplier<T> call) {
        if (dead) {
            throw new Crash(writes.get());
        }
        int write = writes.incrementAndGet();
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
        return read(() -> store.getItem(request));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return read(() -> store.query(request));
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return read(() -> store.batchGetItem(request));
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
