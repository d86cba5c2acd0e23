package diandan.devkit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A table on the local engine, made from template.yaml: its client, name and endpoint. */
public record LocalTable(Dynalite engine, DynamoDbClient client, String name) {
    public String endpoint() {
        return engine.endpoint().toString();
    }
}
