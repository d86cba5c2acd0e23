package diandan.devkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates a table exactly as the template's {@code AWS::DynamoDB::Table} resource defines it. */
public final class TableDefinition {
    private final Map<String, Object> properties;

    private TableDefinition(Map<String, Object> properties) {
        this.properties = properties;
    }

    /** The template's only table. */
    public static TableDefinition fromTemplate(Template template) {
        List<String> tables = template.resourcesOfType("AWS::DynamoDB::Table");
        if (tables.size() != 1) {
            throw new IllegalStateException("template.yaml should define exactly one table, found " + tables);
        }
        return new TableDefinition(template.properties(tables.get(0)));
    }

    public static String logicalId(Template template) {
        return template.resourcesOfType("AWS::DynamoDB::Table").get(0);
    }

    public CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list("AttributeDefinitions").stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName((String) a.get("AttributeName"))
                                .attributeType((String) a.get("AttributeType")).build())
                        .toList())
                .keySchema(keySchema(list("KeySchema")))
                .globalSecondaryIndexes(list("GlobalSecondaryIndexes").stream()
                        .map(g -> GlobalSecondaryIndex.builder()
                                .indexName((String) g.get("IndexName"))
                                .keySchema(keySchema(listOf(g.get("KeySchema"))))
                                .projection(projection(g))
                                .build())
                        .toList())
                .build();
    }

    /** The table's key attributes: partition key first. */
    public List<String> keyAttributes() {
        return list("KeySchema").stream().map(k -> (String) k.get("AttributeName")).toList();
    }

    /** A global secondary index: its key attributes (partition key first) and what it projects. */
    public record Index(String name, List<String> keyAttributes, ProjectionType projection, List<String> nonKeyAttributes) {
    }

    public List<Index> indexes() {
        return list("GlobalSecondaryIndexes").stream().map(g -> {
            Projection projection = projection(g);
            return new Index((String) g.get("IndexName"),
                    listOf(g.get("KeySchema")).stream().map(k -> (String) k.get("AttributeName")).toList(),
                    projection.projectionType(), projection.nonKeyAttributes());
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static Projection projection(Map<String, Object> index) {
        Map<String, Object> projection = Template.map(index.get("Projection"));
        Projection.Builder builder = Projection.builder().projectionType((String) projection.get("ProjectionType"));
        if (projection.get("NonKeyAttributes") != null) {
            builder.nonKeyAttributes((List<String>) projection.get("NonKeyAttributes"));
        }
        return builder.build();
    }

    /** Creates the table if missing and waits until it is active. */
    public void ensureCreated(DynamoDbClient client, String tableName) {
        try {
            client.createTable(createRequest(tableName));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier start: its data is kept
        }
        // dynalite activates a table on its next turn; the SDK's default waiter would then sleep 20 s
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(25)))
                        .maxAttempts(400))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(tableName));
        }
    }

    private List<Map<String, Object>> list(String name) {
        return listOf(properties.get(name));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> elements) {
        return elements.stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName((String) k.get("AttributeName"))
                        .keyType((String) k.get("KeyType")).build())
                .toList();
    }
}
