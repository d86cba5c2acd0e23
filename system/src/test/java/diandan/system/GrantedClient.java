package diandan.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import diandan.adapter.dynamodb.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A function's DynamoDB client as IAM would let it act: a call its template statements do not grant (the action,
 * on the table or on the index it names, on an item whose partition key the grant allows) throws an {@link AssertionError} before it reaches the store, so that
 * every test through {@link Deployment} also proves the grants suffice for the paths it takes. An error, not a
 * DynamoDbException: no handler may turn it into a 503 that a storage-fault test would take for its own.
 */
final class GrantedClient {
    private GrantedClient() {
    }

    static DynamoDbClient of(DynamoDbClient client, String functionId, List<DynamoDbGrants.Grant> grants) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1
                    && (args[0] instanceof Consumer<?> || method.getName().endsWith("Paginator"))) {
                // builds the request (or the pages) and calls back through this proxy with it
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest request) {
                String call = action(method) + " on " + resource(request);
                String pk = partitionKey(request);
                if (grants.stream().noneMatch(g -> g.actionOnResource().equals(call) && g.allowsPartition(pk))) {
                    throw new AssertionError(functionId + " calls " + call + (pk == null ? "" : " (item " + pk + ")")
                            + ", which template.yaml does not grant it");
                }
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(GrantedClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    private static String action(Method method) {
        return "dynamodb:" + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
    }

    /** The partition key of the one item the request names; null for a request of many (a Query, a batch). */
    private static String partitionKey(DynamoDbRequest request) {
        Map<String, AttributeValue> key = request instanceof GetItemRequest r ? r.key()
                : request instanceof UpdateItemRequest r ? r.key()
                : request instanceof DeleteItemRequest r ? r.key()
                : request instanceof PutItemRequest r ? r.item() : null;
        return key == null || !key.containsKey(Keys.PK) ? null : key.get(Keys.PK).s();
    }

    private static String resource(DynamoDbRequest request) {
        String index = request instanceof QueryRequest q ? q.indexName()
                : request instanceof ScanRequest s ? s.indexName() : null;
        return index == null ? "table" : "index/" + index;
    }
}
