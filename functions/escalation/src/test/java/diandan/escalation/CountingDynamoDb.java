package diandan.escalation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A DynamoDB client that counts what the code under test reads and writes, item by item, and passes every
 * call on to the engine's client.
 */
final class CountingDynamoDb implements InvocationHandler {
    private final DynamoDbClient delegate;
    final DynamoDbClient client;
    final AtomicInteger queries = new AtomicInteger();
    final AtomicInteger indexItemsRead = new AtomicInteger();
    final AtomicInteger tableItemsQueried = new AtomicInteger();
    final AtomicInteger itemsGot = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    /** Queries by the value of their partition placeholder {@code :p}. */
    final Map<String, AtomicInteger> queriesOfPartition = new ConcurrentHashMap<>();

    CountingDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, this);
    }

    /** Items read by Query (on any index or the table) and by GetItem or BatchGetItem. */
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
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1 && args[0] instanceof Consumer) {
            // the builder shortcuts build the request and call the counted method on this proxy
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (method.getName().equals("close")) {
            return null; // the engine's client is shared: the extension closes it
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof QueryResponse response) {
            QueryRequest request = (QueryRequest) args[0];
            queries.incrementAndGet();
            (request.indexName() == null ? tableItemsQueried : indexItemsRead).addAndGet(response.count());
            AttributeValue partition = request.expressionAttributeValues().get(":p");
            if (partition != null && partition.s() != null) {
                queriesOfPartition.computeIfAbsent(partition.s(), p -> new AtomicInteger()).incrementAndGet();
            }
        } else if (result instanceof GetItemResponse response) {
            if (response.hasItem() && !response.item().isEmpty()) {
                itemsGot.incrementAndGet();
            }
        } else if (result instanceof BatchGetItemResponse response) {
            response.responses().values().forEach(items -> itemsGot.addAndGet(items.size()));
        } else if (args != null && args.length == 1 && args[0] instanceof BatchWriteItemRequest request) {
            request.requestItems().values().forEach(items -> writes.addAndGet(items.size()));
        } else if (method.getName().matches("putItem|updateItem|deleteItem")) {
            writes.incrementAndGet();
        }
        return result;
    }
}
