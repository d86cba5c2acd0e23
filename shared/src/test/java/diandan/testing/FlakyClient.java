package diandan.testing;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB client that counts every call by operation and, once faults are switched on, makes writes
 * misbehave the ways a network and a runtime do: a write refused before it reaches the store, a write
 * delivered twice, a write that succeeds but whose caller hears an error (a lost response, or a crash right
 * after the write). Reads are never faulted: the point is what writes leave behind.
 */
public final class FlakyClient implements DynamoDbClient {
    /** Chances per write, each in [0, 1]. */
    public record Faults(double failBefore, double duplicate, double failAfter) {
        public static final Faults NONE = new Faults(0, 0, 0);
    }

    private final DynamoDbClient delegate;
    private final Random random;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    private volatile Faults faults = Faults.NONE;

    public FlakyClient(DynamoDbClient delegate, long seed) {
        this.delegate = delegate;
        this.random = new Random(seed);
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    public int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    public Map<String, AtomicInteger> injected() {
        return injected;
    }

    public void resetCounts() {
        calls.clear();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return read("GetItem", () -> delegate.getItem(request));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return read("Query", () -> delegate.query(request));
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return read("BatchGetItem", () -> delegate.batchGetItem(request));
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return read("Scan", () -> delegate.scan(request));
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return write("PutItem", () -> delegate.putItem(request));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return write("UpdateItem", () -> delegate.updateItem(request));
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return write("DeleteItem", () -> delegate.deleteItem(request));
    }

    private <T> T read(String operation, Supplier<T> call) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        return call.get();
    }

    private <T> T write(String operation, Supplier<T> call) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        Faults now = faults;
        if (roll() < now.failBefore()) {
            throw inject("refused before the write");
        }
        T result = call.get();
        if (roll() < now.duplicate()) {
            injected.computeIfAbsent("delivered twice", k -> new AtomicInteger()).incrementAndGet();
            try {
                call.get();
            } catch (DynamoDbException secondDeliveryRefused) {
                // the caller hears of the first delivery only
            }
        }
        if (roll() < now.failAfter()) {
            throw inject("lost after the write");
        }
        return result;
    }

    private double roll() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private SdkClientException inject(String what) {
        injected.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        return SdkClientException.create("injected fault: " + what);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the engine's client belongs to the test extension
    }
}
