package diandan.escalation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** A DynamoDB client that counts what the code under test reads and writes, item by item. */
final class CountingDynamoDb implements DynamoDbClient {
    private final DynamoDbClient delegate;
    final AtomicInteger queries = new AtomicInteger();
    final AtomicInteger indexItemsRead = new AtomicInteger();
    final AtomicInteger tableItemsQueried = new AtomicInteger();
    final AtomicInteger itemsGot = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    /** Queries by the value of their partition placeholder {@code :p}. */
    final Map<String, AtomicInteger> queriesOfPartition = new ConcurrentHashMap<>();

    CountingDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** Items read by Query (on any index or the table) and by GetItem. */
    int itemsRead() {
        return indexItemsRead.get() + tableItemsQueried.get() + itemsGot.get();
    }

    void reset() {
        queries.set(0);
        indexItemsRead.set(0);
        tableItemsQueried.set(0);
        itemsGot.set(0);
        writes.set(0);
        queriesOfPartition.clear();
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        QueryResponse response = delegate.query(request);
        queries.incrementAndGet();
        AttributeValue partition = request.expressionAttributeValues().get(":p");
        if (partition != null && partition.s() != null) {
            queriesOfPartition.computeIfAbsent(partition.s(), p -> new AtomicInteger()).incrementAndGet();
        }
        (request.indexName() == null ? tableItemsQueried : indexItemsRead).addAndGet(response.count());
        return response;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = delegate.getItem(request);
        if (response.hasItem() && !response.item().isEmpty()) {
            itemsGot.incrementAndGet();
        }
        return response;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        writes.incrementAndGet();
        return delegate.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        writes.incrementAndGet();
        return delegate.updateItem(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public void close() {
        // the engine's client is shared: the extension closes it
    }
}
