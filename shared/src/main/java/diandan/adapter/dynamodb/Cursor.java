package diandan.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import diandan.domain.Problem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque page cursor: the last evaluated key (string attributes only, as all our keys are), tagged with
 * the list it belongs to, so that a cursor from another list, partition or range is refused instead of confusing
 * the store.
 */
public final class Cursor {
    private static final char FIELD = '\u001f';
    private static final char PAIR = '\u001e';
    /** The store's limit for a sort key; no key value of ours comes near it. */
    private static final int MAX_KEY_BYTES = 1024;

    private Cursor() {
    }

    public static String encode(String index, Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(index);
        lastKey.forEach((name, value) -> text.append(PAIR).append(name).append(FIELD).append(value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The start key of a page of {@code partition} in the list tagged {@code tag}, null without a cursor. A cursor
     * that is not ours, or that belongs to another list, another partition or lies outside the query's range of
     * sort keys is a 400: the store would refuse it as a start key, and a client's stale or forged cursor is the
     * client's mistake.
     *
     * @param inSortRange whether a sort key ({@code listSort}) lies in the range the query reads
     */
    public static Map<String, AttributeValue> decode(String tag, String cursor, String partitionAttr, String partition,
                                                     Predicate<String> inSortRange) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Set<String> keyNames = Keys.cursorKeys(partitionAttr);
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] pairs = text.split(String.valueOf(PAIR), -1);
            if (!pairs[0].equals(tag)) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (int i = 1; i < pairs.length; i++) {
                int split = pairs[i].indexOf(FIELD);
                if (split < 1) {
                    throw invalid();
                }
                String name = pairs[i].substring(0, split);
                String value = pairs[i].substring(split + 1);
                if (!keyNames.contains(name) || value.isEmpty()
                        || value.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                    throw invalid();
                }
                key.put(name, AttributeValue.fromS(value));
            }
            if (!key.keySet().equals(keyNames) || !partition.equals(key.get(partitionAttr).s())
                    || !inSortRange.test(key.get(Keys.LIST_SORT).s())) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Problem invalid() {
        return Problem.badCursor();
    }
}
