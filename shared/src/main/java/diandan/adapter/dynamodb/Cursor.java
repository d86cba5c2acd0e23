package diandan.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import diandan.domain.Problem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque page cursor: the last evaluated key (string attributes only, as all our keys are), tagged with
 * the index it belongs to, so that a cursor from another list is refused instead of confusing the store.
 */
public final class Cursor {
    private static final char FIELD = '\u001f';
    private static final char PAIR = '\u001e';

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

    /** The start key for {@code index}, null without a cursor; a cursor that is not ours is a 400. */
    public static Map<String, AttributeValue> decode(String index, String cursor, java.util.Set<String> keyNames) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] pairs = text.split(String.valueOf(PAIR), -1);
            if (!pairs[0].equals(index)) {
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
                if (!keyNames.contains(name) || value.isEmpty() || value.length() > 1024) {
                    throw invalid();
                }
                key.put(name, AttributeValue.fromS(value));
            }
            if (!key.keySet().equals(keyNames)) {
                throw invalid();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Problem invalid() {
        return new Problem(Problem.Kind.BAD_REQUEST, "cursor is not a cursor of this list; start again without it");
    }
}
