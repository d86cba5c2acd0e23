package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.instant;
import static diandan.adapter.dynamodb.Attr.putIf;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;
import static diandan.adapter.dynamodb.Attr.t;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import diandan.domain.AreaPath;
import diandan.domain.hours.Activity;
import diandan.port.Page;
import diandan.port.hours.ActivityRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Activities as items {@code ACT#id}, listed by team (ByTeam) or area (ByCommunity/ByStreet/ByDistrict) under
 * the {@code ACT#} prefix, sorted by {@code listSort = start#id}.
 */
public final class DynamoActivityRepository implements ActivityRepository {
    static final String PREFIX = "ACT#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoActivityRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s(PREFIX + id), Keys.SK, s("ACT"));
    }

    static Map<String, AttributeValue> toItem(Activity a) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.id()));
        item.put("type", s("activity"));
        item.put("id", s(a.id()));
        item.put("teamId", s(a.teamId()));
        item.put("title", s(a.title()));
        item.put("category", s(a.category()));
        item.put("communityId", s(a.area().communityId()));
        item.put("streetId", s(a.area().streetId()));
        item.put("districtId", s(a.area().districtId()));
        item.put("start", t(a.start()));
        item.put("end", t(a.end()));
        putIf(item, "description", a.description());
        item.put("createdBy", s(a.createdBy()));
        item.put("createdAt", t(a.createdAt()));
        putIf(item, "fingerprint", a.fingerprint());
        item.put(Keys.LIST_SORT, s(Attr.time(a.start()) + "#" + a.id()));
        item.put(Keys.TEAM_KEY, s(PREFIX + a.teamId()));
        item.put(Keys.COMMUNITY_KEY, s(PREFIX + a.area().communityId()));
        item.put(Keys.STREET_KEY, s(PREFIX + a.area().streetId()));
        item.put(Keys.DISTRICT_KEY, s(PREFIX + a.area().districtId()));
        return item;
    }

    static Activity fromItem(Map<String, AttributeValue> item) {
        return new Activity(str(item, "id"), str(item, "teamId"), str(item, "title"), str(item, "category"),
                new AreaPath(str(item, "communityId"), str(item, "streetId"), str(item, "districtId")),
                instant(item, "start"), instant(item, "end"), str(item, "description"), str(item, "createdBy"),
                instant(item, "createdAt"), str(item, "fingerprint"));
    }

    @Override
    public boolean create(Activity activity) {
        return Storage.call("create activity", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(toItem(activity)).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public Optional<Activity> find(String id) {
        return Storage.call("read activity", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<Activity>empty() : Optional.of(fromItem(item));
        });
    }

    @Override
    public Page<Activity> list(Query query) {
        IndexQuery index = switch (query.scope()) {
            case TEAM -> new IndexQuery(Keys.BY_TEAM, Keys.TEAM_KEY, PREFIX + query.scopeId());
            case COMMUNITY -> new IndexQuery(Keys.BY_COMMUNITY, Keys.COMMUNITY_KEY, PREFIX + query.scopeId());
            case STREET -> new IndexQuery(Keys.BY_STREET, Keys.STREET_KEY, PREFIX + query.scopeId());
            case DISTRICT -> new IndexQuery(Keys.BY_DISTRICT, Keys.DISTRICT_KEY, PREFIX + query.scopeId());
        };
        // listSort = start#id: the bound on "to" is exclusive, and no start#id equals a bare time
        index.sortBetween(query.from() == null ? null : Attr.time(query.from()),
                query.to() == null ? null : Attr.time(query.to()));
        return index.page(client, table, query.limit(), query.cursor(), "list activities",
                DynamoActivityRepository::fromItem);
    }
}
