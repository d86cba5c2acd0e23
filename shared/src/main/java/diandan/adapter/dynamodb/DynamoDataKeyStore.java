package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import diandan.port.identity.DataKeyStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The encrypted data key on one item ({@code FIELD_KEY} / {@code IDENTITY}), created by a conditional put so
 * that containers racing to make the first one agree on a single key.
 */
public final class DynamoDataKeyStore implements DataKeyStore {
    private static final Map<String, AttributeValue> KEY = Map.of(Keys.PK, s("FIELD_KEY"), Keys.SK, s("IDENTITY"));

    private final DynamoDbClient client;
    private final String table;

    public DynamoDataKeyStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<byte[]> find() {
        Map<String, AttributeValue> item = Storage.call("read field key", () -> client.getItem(b -> b.tableName(table)
                .key(KEY).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("encrypted").b().asByteArray());
    }

    @Override
    public boolean create(byte[] encrypted) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("encrypted", AttributeValue.fromB(SdkBytes.fromByteArray(encrypted)));
        return Storage.call("create field key", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }
}
