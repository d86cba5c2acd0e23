package diandan.adapter.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem over any number of keys: chunks of the API's limit; keys the store left unprocessed (it does so
 * when throttled) are asked for again after a growing pause, a bounded number of times.
 */
final class Batch {
    /** The most keys one BatchGetItem takes. */
    static final int MAX_KEYS = 100;
    /** Rounds for unprocessed keys before the store counts as unavailable. */
    static final int MAX_ROUNDS = 5;

    private Batch() {
    }

    /** The items that exist for these keys as the table holds them now, in no particular order. */
    static List<Map<String, AttributeValue>> getConsistent(DynamoDbClient client, String table,
                                                           List<Map<String, AttributeValue>> keys, String what) {
        return get(client, table, keys, true, what);
    }

    /** The items that exist for these keys, possibly a moment old, in no particular order (half the read cost). */
    static List<Map<String, AttributeValue>> getEventuallyConsistent(DynamoDbClient client, String table,
                                                                     List<Map<String, AttributeValue>> keys,
                                                                     String what) {
        return get(client, table, keys, false, what);
    }

    private static List<Map<String, AttributeValue>> get(DynamoDbClient client, String table,
                                                         List<Map<String, AttributeValue>> keys, boolean consistent,
                                                         String what) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_KEYS));
            Map<String, KeysAndAttributes> pending = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(consistent).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw Storage.unavailable(what + ": keys left unprocessed", null);
                }
                pause(round);
                Map<String, KeysAndAttributes> asked = pending;
                BatchGetItemResponse response = Storage.call(what, () -> client.batchGetItem(b -> b.requestItems(asked)));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /**
     * The items for these keys as the table holds them now (consistent reads), in the order of the keys; keys
     * without an item left out. What an index listed is read again this way before anything is decided on it:
     * an index's copy of an item may lag behind the item.
     */
    static List<Map<String, AttributeValue>> current(DynamoDbClient client, String table,
                                                     List<Map<String, AttributeValue>> keys, String what) {
        List<Map<String, AttributeValue>> distinct = keys.stream().distinct().toList();
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new HashMap<>();
        for (Map<String, AttributeValue> item : getConsistent(client, table, distinct, what)) {
            byKey.put(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)), item);
        }
        return distinct.stream().map(byKey::get).filter(Objects::nonNull).toList();
    }

    private static void pause(int round) {
        if (round > 0) {
            try {
                Thread.sleep(25L << round);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Storage.unavailable("interrupted while reading", e);
            }
        }
    }
}
