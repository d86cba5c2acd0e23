package diandan.app.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The demo district's registry ({@code local/demo/registry.json}) as the tests' starting point: exactly the items
 * {@link RegistryFile#load} stores (the seed's own path, worked out once per test JVM against a recorder), written
 * into a table in batches. Loading it item by item costs some 280 round trips to the local engine, and most test
 * classes start from it, many of them once per test.
 */
public final class DemoRegistry {
    /** BatchWriteItem's limit. */
    private static final int BATCH = 25;
    private static List<Map<String, AttributeValue>> items;

    private DemoRegistry() {
    }

    public static void loadInto(LocalTable table) {
        loadInto(table.client(), table.name());
    }

    /** Puts every item of the demo registry into the table, as the seed would: unconditionally, the file's state. */
    public static void loadInto(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> all = items();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<WriteRequest> batch = all.subList(from, Math.min(from + BATCH, all.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> sending = pending;
                BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(sending));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** What the seed writes, by key (a later put of a key replaces an earlier one, as on the table). */
    private static synchronized List<Map<String, AttributeValue>> items() {
        if (items == null) {
            Map<List<AttributeValue>, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
            DynamoDbClient recorder = new DynamoDbClient() {
                @Override
                public PutItemResponse putItem(PutItemRequest request) {
                    if (request.conditionExpression() != null) {
                        throw new IllegalStateException("the seed writes unconditionally; a condition changes what it leaves");
                    }
                    byKey.put(List.of(request.item().get("pk"), request.item().get("sk")), request.item());
                    return PutItemResponse.builder().build();
                }

                @Override
                public String serviceName() {
                    return SERVICE_NAME;
                }

                @Override
                public void close() {
                }
            };
            RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"), new DynamoRegistryRepository(recorder, "demo"));
            items = List.copyOf(byKey.values());
        }
        return items;
    }
}
