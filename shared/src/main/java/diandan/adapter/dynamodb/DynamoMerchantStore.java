package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.points.Merchant;
import diandan.domain.points.MerchantItem;
import diandan.port.Page;
import diandan.port.points.MerchantStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Merchants in one partition {@code MERCHANTS} (listed a page at a time in id order), each merchant's items in
 * {@code MERCHANT#<id>} / {@code ITEM#<item>}. Every read is a consistent read of the table itself.
 */
public final class DynamoMerchantStore implements MerchantStore {
    private static final String MERCHANTS = "MERCHANTS";
    private static final String CURSOR_TAG = "merchants:";
    private final DynamoDbClient client;
    private final String table;

    public DynamoMerchantStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Merchant create(Merchant merchant) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(Keys.PK, s(MERCHANTS), Keys.SK, s(merchant.id())));
        item.put("type", s("merchant"));
        item.put("name", s(merchant.name()));
        item.put("areaId", s(merchant.areaId()));
        return Storage.call("write merchant", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK)));
                return merchant;
            } catch (ConditionalCheckFailedException exists) {
                return merchant(merchant.id()).orElseThrow();
            }
        });
    }

    @Override
    public Optional<Merchant> merchant(String id) {
        Map<String, AttributeValue> item = Storage.call("read merchant", () -> client.getItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(MERCHANTS), Keys.SK, s(id))).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(merchantOf(item));
    }

    private static Merchant merchantOf(Map<String, AttributeValue> item) {
        return new Merchant(item.get(Keys.SK).s(), item.get("name").s(), item.get("areaId").s());
    }

    @Override
    public Page<Merchant> merchants(int limit, String cursor) {
        String after = afterCursor(cursor);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true).limit(limit)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", s(MERCHANTS)));
        if (after != null) {
            query.exclusiveStartKey(Map.of(Keys.PK, s(MERCHANTS), Keys.SK, s(after)));
        }
        QueryResponse page = Storage.call("list merchants", () -> client.query(query.build()));
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        return new Page<>(page.items().stream().map(DynamoMerchantStore::merchantOf).toList(),
                last == null || last.isEmpty() ? null : cursorAfter(last.get(Keys.SK).s()));
    }

    /** The cursor of the page after merchant {@code id}: its id, tagged as this list's. */
    private static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_TAG + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The merchant id a cursor names; a cursor not of this list, or naming no possible id, is a 400. */
    private static String afterCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_TAG) && Ids.isWellFormed(text.substring(CURSOR_TAG.length()))) {
                return text.substring(CURSOR_TAG.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        throw Problem.badCursor();
    }

    private List<Map<String, AttributeValue>> query(String pk) {
        return Storage.call("list " + pk, () -> client.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Keys.PK))
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items().stream().toList());
    }

    @Override
    public void saveItem(MerchantItem merchantItem) {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(merchantItem.merchantId(), merchantItem.itemId()));
        item.put("type", s("merchantItem"));
        item.put("name", s(merchantItem.name()));
        item.put("points", n(merchantItem.points()));
        Storage.call("write merchant item", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    private static Map<String, AttributeValue> itemKey(String merchantId, String itemId) {
        return Map.of(Keys.PK, s("MERCHANT#" + merchantId), Keys.SK, s("ITEM#" + itemId));
    }

    @Override
    public Optional<MerchantItem> item(String merchantId, String itemId) {
        Map<String, AttributeValue> item = Storage.call("read merchant item", () -> client.getItem(b -> b
                .tableName(table).key(itemKey(merchantId, itemId)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(itemOf(merchantId, item));
    }

    private static MerchantItem itemOf(String merchantId, Map<String, AttributeValue> item) {
        return new MerchantItem(merchantId, item.get(Keys.SK).s().substring("ITEM#".length()), item.get("name").s(),
                Long.parseLong(item.get("points").n()));
    }

    @Override
    public List<MerchantItem> items(String merchantId) {
        return query("MERCHANT#" + merchantId).stream().map(i -> itemOf(merchantId, i)).toList();
    }
}
