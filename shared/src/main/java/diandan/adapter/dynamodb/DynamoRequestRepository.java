package diandan.adapter.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import diandan.domain.ServiceRequest;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.request.RequestQuery;
import diandan.port.request.RequestRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Requests in the single table: one item each, conditional puts, lists as Queries on the indexes. */
public final class DynamoRequestRepository implements RequestRepository {
    private final DynamoDbClient client;
    private final String table;

    public DynamoRequestRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean create(ServiceRequest request) {
        return Storage.call("create request", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(RequestItems.toItem(request))
                        .conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public Optional<ServiceRequest> find(String id) {
        return Storage.call("read request", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(RequestItems.key(id))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<ServiceRequest>empty() : Optional.of(RequestItems.fromItem(item));
        });
    }

    @Override
    public void replace(ServiceRequest previous, ServiceRequest next) {
        Map<String, AttributeValue> item = Storage.once(RequestItems.toItem(next));
        Storage.call("change request", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("#v = :v AND #s = :s")
                        .expressionAttributeNames(Map.of("#v", RequestItems.VERSION, "#s", RequestItems.STATUS))
                        .expressionAttributeValues(Map.of(":v", Attr.n(previous.version()),
                                ":s", Attr.s(previous.status().code()))));
                return null;
            } catch (ConditionalCheckFailedException lost) {
                if (Storage.holds(client, table, item)) {
                    return null; // our write, sent again after its answer was lost
                }
                throw new ConcurrentChangeException("request " + previous.id() + " changed since version " + previous.version());
            }
        });
    }

    @Override
    public Page<ServiceRequest> list(RequestQuery query) {
        String index;
        String partitionAttr;
        String partition;
        switch (query.scope()) {
            case OWNER -> { index = Keys.BY_OWNER; partitionAttr = Keys.OWNER_KEY; partition = RequestItems.OWNER + query.scopeId(); }
            case COMMUNITY -> { index = Keys.BY_COMMUNITY; partitionAttr = Keys.COMMUNITY_KEY; partition = RequestItems.COMMUNITY + query.scopeId(); }
            case STREET -> { index = Keys.BY_STREET; partitionAttr = Keys.STREET_KEY; partition = RequestItems.STREET + query.scopeId(); }
            case DISTRICT -> { index = Keys.BY_DISTRICT; partitionAttr = Keys.DISTRICT_KEY; partition = RequestItems.DISTRICT + query.scopeId(); }
            case TEAM -> { index = Keys.BY_TEAM; partitionAttr = Keys.TEAM_KEY; partition = RequestItems.TEAM + query.scopeId(); }
            case UNROUTED_QUEUE -> { index = Keys.BY_QUEUE; partitionAttr = Keys.QUEUE_KEY; partition = Keys.UNROUTED_QUEUE; }
            case WISH_QUEUE -> { index = Keys.BY_QUEUE; partitionAttr = Keys.QUEUE_KEY; partition = Keys.WISH_QUEUE; }
            default -> throw new IllegalArgumentException(query.scope().name());
        }
        Map<String, String> names = new HashMap<>(Map.of("#p", partitionAttr));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", Attr.s(partition)));
        StringBuilder keyCondition = new StringBuilder("#p = :p");
        // listSort = createdAt#id: "~" sorts after every id character, so "<to" excludes that instant on.
        String lower = query.from() == null ? null : Attr.time(query.from());
        String upper = query.to() == null ? null : Attr.time(query.to());
        if (lower != null || upper != null) {
            names.put("#ls", Keys.LIST_SORT);
        }
        if (lower != null && upper != null) {
            keyCondition.append(" AND #ls BETWEEN :lo AND :hi");
            values.put(":lo", Attr.s(lower));
            values.put(":hi", Attr.s(upper));
        } else if (lower != null) {
            keyCondition.append(" AND #ls >= :lo");
            values.put(":lo", Attr.s(lower));
        } else if (upper != null) {
            keyCondition.append(" AND #ls < :hi");
            values.put(":hi", Attr.s(upper));
        }
        // the area and team filters read the other indexes' keys (a filter may not name the queried index's own)
        List<String> filters = new ArrayList<>();
        filter(filters, names, values, RequestItems.STATUS, query.status() == null ? null : query.status().code());
        filter(filters, names, values, RequestItems.CATEGORY, query.category());
        filter(filters, names, values, Keys.COMMUNITY_KEY,
                query.communityId() == null ? null : RequestItems.COMMUNITY + query.communityId());
        filter(filters, names, values, Keys.TEAM_KEY, query.teamId() == null ? null : RequestItems.TEAM + query.teamId());
        if (query.withinArea() != null) {
            names.put("#c", Keys.COMMUNITY_KEY);
            names.put("#st", Keys.STREET_KEY);
            names.put("#d", Keys.DISTRICT_KEY);
            values.put(":c", Attr.s(RequestItems.COMMUNITY + query.withinArea()));
            values.put(":s", Attr.s(RequestItems.STREET + query.withinArea()));
            values.put(":d", Attr.s(RequestItems.DISTRICT + query.withinArea()));
            filters.add("(#c = :c OR #st = :s OR #d = :d)");
        }
        Map<String, AttributeValue> start = Cursor.decode(index, query.cursor(), partitionAttr, partition,
                sort -> (lower == null || sort.compareTo(lower) >= 0) && (upper == null || sort.compareTo(upper) < 0));
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(keyCondition.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .scanIndexForward(false).limit(query.limit()).exclusiveStartKey(start);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        QueryResponse response = Storage.call("list requests", () -> client.query(request.build()));
        List<ServiceRequest> items = response.items().stream().map(RequestItems::fromItem).toList();
        return new Page<>(items, Cursor.encode(index, response.lastEvaluatedKey()));
    }

    /**
     * One Query on the team's partition of {@code ByTeam}, every page, returning only the ids. The status filter
     * applies after the read: the read units follow the team's whole history in the index, not its open requests.
     */
    @Override
    public Set<String> listedWithTeam(String teamId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", Attr.s(RequestItems.TEAM + teamId)));
        List<String> placeholders = new ArrayList<>();
        for (diandan.domain.RequestStatus status : diandan.domain.RequestStatus.values()) {
            if (status.isWithTeam()) {
                values.put(":s" + placeholders.size(), Attr.s(status.code()));
                placeholders.add(":s" + placeholders.size());
            }
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(Keys.BY_TEAM)
                .keyConditionExpression("#p = :p")
                .filterExpression("#status IN (" + String.join(", ", placeholders) + ")")
                .projectionExpression("#ls")
                .expressionAttributeNames(Map.of("#p", Keys.TEAM_KEY, "#status", RequestItems.STATUS,
                        "#ls", Keys.LIST_SORT))
                .expressionAttributeValues(values);
        Set<String> ids = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = Storage.call("list a team's requests", () -> client.query(query.build()));
            page.items().forEach(item -> {
                String listSort = Attr.str(item, Keys.LIST_SORT); // createdAt#id
                ids.add(listSort.substring(listSort.indexOf('#') + 1));
            });
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            query.exclusiveStartKey(start);
        } while (start != null);
        return ids;
    }

    @Override
    public Page<ServiceRequest> waiting(int limit, String cursor) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(Keys.BY_QUEUE)
                .keyConditionExpression("#p = :p")
                .expressionAttributeNames(Map.of("#p", Keys.QUEUE_KEY))
                .expressionAttributeValues(Map.of(":p", Attr.s(Keys.UNROUTED_QUEUE)))
                .scanIndexForward(true).limit(limit)
                .exclusiveStartKey(Cursor.decode(Keys.BY_QUEUE, cursor, Keys.QUEUE_KEY, Keys.UNROUTED_QUEUE, sort -> true))
                .build();
        QueryResponse response = Storage.call("read the waiting queue", () -> client.query(request));
        return new Page<>(response.items().stream().map(RequestItems::fromItem).toList(),
                Cursor.encode(Keys.BY_QUEUE, response.lastEvaluatedKey()));
    }

    private static void filter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                               String attribute, String value) {
        if (value != null) {
            String placeholder = "f" + filters.size();
            names.put("#" + placeholder, attribute);
            values.put(":" + placeholder, Attr.s(value));
            filters.add("#" + placeholder + " = :" + placeholder);
        }
    }
}
