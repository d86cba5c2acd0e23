package diandan.adapter.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import diandan.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One page of one index partition sorted by {@code listSort}, highest first, optionally within a range of sort
 * keys and narrowed by filters; the page's cursor is tied to the index.
 */
final class IndexQuery {
    private final String index;
    private final String partitionAttr;
    private final String partition;
    private String lowest;
    private String highest;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final StringBuilder keyCondition = new StringBuilder("#p = :p");
    private final List<String> filters = new ArrayList<>();

    IndexQuery(String index, String partitionAttr, String partition) {
        this.index = index;
        this.partitionAttr = partitionAttr;
        this.partition = partition;
        names.put("#p", partitionAttr);
        values.put(":p", Attr.s(partition));
    }

    /** Sort keys from {@code lowest} up to and including {@code highest}; either may be null (open). */
    IndexQuery sortBetween(String lowest, String highest) {
        if (lowest == null && highest == null) {
            return this;
        }
        this.lowest = lowest;
        this.highest = highest;
        names.put("#ls", Keys.LIST_SORT);
        if (lowest != null && highest != null) {
            keyCondition.append(" AND #ls BETWEEN :lo AND :hi");
            values.put(":lo", Attr.s(lowest));
            values.put(":hi", Attr.s(highest));
        } else if (lowest != null) {
            keyCondition.append(" AND #ls >= :lo");
            values.put(":lo", Attr.s(lowest));
        } else {
            keyCondition.append(" AND #ls <= :hi");
            values.put(":hi", Attr.s(highest));
        }
        return this;
    }

    /** Only items whose {@code attribute} equals {@code value}; no filter when the value is null. */
    IndexQuery whereEquals(String attribute, String value) {
        if (value != null) {
            String placeholder = "f" + filters.size();
            names.put("#" + placeholder, attribute);
            values.put(":" + placeholder, Attr.s(value));
            filters.add("#" + placeholder + " = :" + placeholder);
        }
        return this;
    }

    /** Only items that have {@code attribute}. */
    IndexQuery whereExists(String attribute) {
        String placeholder = "f" + filters.size();
        names.put("#" + placeholder, attribute);
        filters.add("attribute_exists(#" + placeholder + ")");
        return this;
    }

    /** Only items one of whose {@code attributes} equals {@code value}; no filter when the value is null. */
    IndexQuery whereAnyEquals(List<String> attributes, String value) {
        if (value != null) {
            String placeholder = "f" + filters.size();
            values.put(":" + placeholder, Attr.s(value));
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < attributes.size(); i++) {
                names.put("#" + placeholder + "a" + i, attributes.get(i));
                alternatives.add("#" + placeholder + "a" + i + " = :" + placeholder);
            }
            filters.add("(" + String.join(" OR ", alternatives) + ")");
        }
        return this;
    }

    <T> Page<T> page(DynamoDbClient client, String table, int limit, String cursor, String what,
                     Function<Map<String, AttributeValue>, T> mapper) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(keyCondition.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(false).limit(limit)
                .exclusiveStartKey(Cursor.decode(index, cursor, partitionAttr, partition,
                        sort -> (lowest == null || sort.compareTo(lowest) >= 0)
                                && (highest == null || sort.compareTo(highest) <= 0)));
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        QueryResponse response = Storage.call(what, () -> client.query(request.build()));
        return new Page<>(response.items().stream().map(mapper).toList(),
                Cursor.encode(index, response.lastEvaluatedKey()));
    }
}
