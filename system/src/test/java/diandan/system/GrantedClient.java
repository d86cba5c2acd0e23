package diandan.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A function's DynamoDB client as IAM would let it act: a call its template statements do not grant (the action,
 * on the table or on the index it names) throws an {@link AssertionError} before it reaches the store, so that
 * every test through {@link Deployment} also proves the grants suffice for the paths it takes. An error, not a
 * DynamoDbException: no handler may turn it into a 503 that a storage-fault test would take for its own.
 */
final class GrantedClient {
    private GrantedClient() {
    }

    static DynamoDbClient of(DynamoDbClient client, String functionId, Set<String> grants) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1
                    && (args[0] instanceof Consumer<?> || method.getName().endsWith("Paginator"))) {
                // builds the request (or the pages) and calls back through this proxy with it
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest request) {
                String call = action(method) + " on " + resource(request);
                if (!grants.contains(call)) {
                    throw new AssertionError(functionId + " calls " + call + ", which template.yaml does not grant it");
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

    private static String resource(DynamoDbRequest request) {
        String index = request instanceof QueryRequest q ? q.indexName()
                : request instanceof ScanRequest s ? s.indexName() : null;
        return index == null ? "table" : "index/" + index;
    }
}
