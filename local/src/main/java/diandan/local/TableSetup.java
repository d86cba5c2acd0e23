package diandan.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import diandan.devkit.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local table, kept in the shape template.yaml gives it. Data kept across restarts outlives template
 * changes: when the stored table's keys or indexes differ from the template's, its items are copied into a
 * table made anew from the template (local data is small; this never runs on AWS).
 */
final class TableSetup {
    enum Outcome { CREATED, KEPT, REBUILT }

    private static final int BATCH = 25;

    private TableSetup() {
    }

    static Outcome ensure(DynamoDbClient client, String table, TableDefinition definition) {
        CreateTableRequest wanted = definition.createRequest(table);
        TableDescription stored;
        try {
            stored = client.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException absent) {
            definition.ensureCreated(client, table);
            return Outcome.CREATED;
        }
        if (shape(wanted).equals(shape(stored))) {
            return Outcome.KEPT;
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
        client.deleteTable(b -> b.tableName(table));
        client.waiter().waitUntilTableNotExists(b -> b.tableName(table));
        definition.ensureCreated(client, table);
        for (int from = 0; from < items.size(); from += BATCH) {
            List<WriteRequest> puts = items.subList(from, Math.min(items.size(), from + BATCH)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, puts);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
        return Outcome.REBUILT;
    }

    /** The hash and range key attribute names, from the template. */
    static List<String> keyNames(TableDefinition definition) {
        CreateTableRequest wanted = definition.createRequest("any");
        return List.of(keyName(wanted, KeyType.HASH), keyName(wanted, KeyType.RANGE));
    }

    private static String keyName(CreateTableRequest table, KeyType type) {
        return table.keySchema().stream().filter(k -> k.keyType() == type).map(k -> k.attributeName()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the table has no " + type + " key"));
    }

    /** What makes two tables interchangeable: attributes, keys, and each index's keys and projection. */
    private record Shape(Set<String> attributes, List<String> keys, Set<String> indexes) {
    }

    private static Shape shape(CreateTableRequest table) {
        return new Shape(table.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .collect(Collectors.toSet()),
                table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList(),
                table.globalSecondaryIndexes().stream().map(TableSetup::index).collect(Collectors.toSet()));
    }

    private static Shape shape(TableDescription table) {
        return new Shape(table.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .collect(Collectors.toSet()),
                table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList(),
                table.globalSecondaryIndexes().stream().map(TableSetup::index).collect(Collectors.toSet()));
    }

    private static String index(GlobalSecondaryIndex index) {
        return index(index.indexName(), index.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .toList(), index.projection());
    }

    private static String index(GlobalSecondaryIndexDescription index) {
        return index(index.indexName(), index.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .toList(), index.projection());
    }

    private static String index(String name, List<String> keys, Projection projection) {
        return name + keys + projection.projectionTypeAsString() + projection.nonKeyAttributes().stream().sorted().toList();
    }
}
