package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.instant;
import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.putIf;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;
import static diandan.adapter.dynamodb.Attr.t;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import diandan.domain.Codes;
import diandan.domain.Problem;
import diandan.domain.calendar.ServiceSpan;
import diandan.domain.menu.Capacity;
import diandan.domain.menu.Offering;
import diandan.domain.menu.Project;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.menu.ProjectRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Projects as items {@code PROJ#id} / {@code PROJ}, listed by team (ByTeam, {@code teamKey = PROJ#<teamId>},
 * {@code listSort = createdAt#id}); menu entries as items {@code MENU#<areaId>} / {@code <category>#<projectId>},
 * read with a consistent Query of the base table and then the projects they name in one consistent batch read.
 */
public final class DynamoProjectRepository implements ProjectRepository {
    static final String PREFIX = "PROJ#";
    static final String MENU = "MENU#";
    private static final String CURSOR_TAG = "menu\u001f";

    private final DynamoDbClient client;
    private final String table;

    public DynamoProjectRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s(PREFIX + id), Keys.SK, s("PROJ"));
    }

    private static Map<String, AttributeValue> entryKey(String menu, String category, String projectId) {
        return Map.of(Keys.PK, s(MENU + menu), Keys.SK, s(category + "#" + projectId));
    }

    static Map<String, AttributeValue> toItem(Project p) {
        Map<String, AttributeValue> item = new HashMap<>(key(p.id()));
        item.put("type", s("project"));
        item.put("id", s(p.id()));
        item.put("teamId", s(p.teamId()));
        item.put("title", s(p.title()));
        item.put("category", s(p.category()));
        putIf(item, "description", p.description());
        item.put("areaIds", Attr.strings(p.areaIds()));
        Map<String, AttributeValue> weekly = new HashMap<>();
        p.offered().weekly().forEach((day, spans) ->
                weekly.put(Codes.of(day), Attr.strings(spans.stream().map(ServiceSpan::toString).toList())));
        item.put("weekly", AttributeValue.fromM(weekly));
        item.put("dates", Attr.strings(p.offered().dates().stream().map(Offering.DatedSpan::toString).toList()));
        item.put("capacityPer", s(p.capacity().per().code()));
        item.put("capacity", n(p.capacity().orders()));
        item.put("active", AttributeValue.fromBool(p.active()));
        item.put("version", n(p.version()));
        item.put("createdBy", s(p.createdBy()));
        item.put("createdAt", t(p.createdAt()));
        item.put("updatedAt", t(p.updatedAt()));
        item.put(Keys.TEAM_KEY, s(PREFIX + p.teamId()));
        item.put(Keys.LIST_SORT, s(Attr.time(p.createdAt()) + "#" + p.id()));
        return item;
    }

    static Project fromItem(Map<String, AttributeValue> item) {
        Map<DayOfWeek, List<ServiceSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        item.get("weekly").m().forEach((day, spans) -> weekly.put(Codes.parse(DayOfWeek.class, day).orElseThrow(),
                spans.l().stream().map(span -> ServiceSpan.parse(span.s())).toList()));
        List<Offering.DatedSpan> dates = Attr.strList(item, "dates").stream().map(text -> new Offering.DatedSpan(
                LocalDate.parse(text.substring(0, 10)), ServiceSpan.parse(text.substring(11)))).toList();
        return new Project(str(item, "id"), str(item, "teamId"), str(item, "title"), str(item, "category"),
                str(item, "description"), Attr.strList(item, "areaIds"), new Offering(weekly, dates),
                new Capacity(Codes.parse(Capacity.Per.class, str(item, "capacityPer")).orElseThrow(),
                        Integer.parseInt(item.get("capacity").n())),
                item.get("active").bool(), Long.parseLong(item.get("version").n()), str(item, "createdBy"),
                instant(item, "createdAt"), instant(item, "updatedAt"));
    }

    @Override
    public boolean create(Project project) {
        return Storage.call("create project", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(toItem(project)).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public void replace(Project current, Project next) {
        Map<String, AttributeValue> item = Storage.once(toItem(next));
        Storage.call("change project", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("#v = :v")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":v", n(current.version()))));
                return null;
            } catch (ConditionalCheckFailedException lost) {
                if (Storage.holds(client, table, item)) {
                    return null; // our write, sent again after its answer was lost
                }
                throw new ConcurrentChangeException("project " + current.id() + " changed since version " + current.version());
            }
        });
    }

    @Override
    public Optional<Project> find(String id) {
        return Storage.call("read project", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<Project>empty() : Optional.of(fromItem(item));
        });
    }

    @Override
    public void list(Project project, Collection<String> menus) {
        for (String menu : menus) {
            Map<String, AttributeValue> entry = new HashMap<>(entryKey(menu, project.category(), project.id()));
            entry.put("type", s("menu_entry"));
            entry.put("projectId", s(project.id()));
            Storage.call("list project", () -> client.putItem(b -> b.tableName(table).item(entry)));
        }
    }

    @Override
    public void unlist(String projectId, String category, Collection<String> menus) {
        for (String menu : menus) {
            Storage.call("unlist project", () -> client.deleteItem(b -> b.tableName(table)
                    .key(entryKey(menu, category, projectId))));
        }
    }

    @Override
    public Page<Project> menu(String menuId, String category, int limit, String cursor) {
        String prefix = category == null ? "" : category + "#";
        Map<String, String> names = new HashMap<>(Map.of("#p", Keys.PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(MENU + menuId)));
        String condition = "#p = :p";
        if (category != null) {
            condition += " AND begins_with(#s, :c)";
            names.put("#s", Keys.SK);
            values.put(":c", s(prefix));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).consistentRead(true).limit(limit);
        String after = decode(cursor, prefix);
        if (after != null) {
            query.exclusiveStartKey(Map.of(Keys.PK, s(MENU + menuId), Keys.SK, s(after)));
        }
        QueryResponse response = Storage.call("read menu", () -> client.query(query.build()));
        List<Map<String, AttributeValue>> keys = response.items().stream()
                .map(entry -> key(str(entry, "projectId"))).toList();
        Map<String, Project> projects = Batch.current(client, table, keys, "read menu's projects").stream()
                .map(DynamoProjectRepository::fromItem).collect(Collectors.toMap(Project::id, Function.identity()));
        List<Project> listed = response.items().stream().map(entry -> projects.get(str(entry, "projectId")))
                .filter(p -> p != null).toList();
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        return new Page<>(listed, last == null || last.isEmpty() ? null : encode(last.get(Keys.SK).s()));
    }

    /** A menu's cursor: the sort key of the last entry read, tagged as the menu's. */
    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_TAG + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor names; a cursor not of a menu, or of another category, is the client's mistake (400). */
    private static String decode(String cursor, String prefix) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String sortKey = text.startsWith(CURSOR_TAG) ? text.substring(CURSOR_TAG.length()) : "";
            if (sortKey.isEmpty() || sortKey.length() > 200 || !sortKey.startsWith(prefix) || sortKey.indexOf('#') < 1) {
                throw Problem.badCursor();
            }
            return sortKey;
        } catch (IllegalArgumentException e) {
            throw Problem.badCursor();
        }
    }

    @Override
    public Page<Project> ofTeam(String teamId, int limit, String cursor) {
        return new IndexQuery(Keys.BY_TEAM, Keys.TEAM_KEY, PREFIX + teamId)
                .page(client, table, limit, cursor, "list team's projects", DynamoProjectRepository::fromItem);
    }
}
