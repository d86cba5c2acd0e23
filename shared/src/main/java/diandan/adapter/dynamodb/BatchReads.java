package diandan.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Strongly consistent BatchGetItem over any number of keys: 100 a call, unprocessed keys asked again. */
final class BatchReads {
    static final int KEYS_PER_CALL = 100;
    /** Unprocessed keys (throttling) are asked again this many times before the store counts as unavailable. */
    private static final int ATTEMPTS = 6;

    private BatchReads() {
    }

    static List<Map<String, AttributeValue>> get(DynamoDbClient client, String table,
                                                 List<Map<String, AttributeValue>> keys, String what) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_CALL));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new StorageUnavailableException(what + ": keys left unprocessed", null);
                }
                List<Map<String, AttributeValue>> ask = pending;
                BatchGetItemResponse response = Storage.call(what, () -> client.batchGetItem(b -> b.requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(ask).consistentRead(true).build()))));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                KeysAndAttributes left = response.unprocessedKeys().get(table);
                pending = left == null || !left.hasKeys() ? List.of() : left.keys();
                if (!pending.isEmpty()) {
                    backOff(attempt);
                }
            }
        }
        return items;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(20L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
