package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Category;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.domain.identity.DocumentType;
import diandan.domain.identity.IdentityClaim;
import diandan.domain.identity.StoredIdentity;
import diandan.port.ConcurrentChangeException;
import diandan.port.registry.RegistryRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The registry in the single table. Areas, categories and teams share one partition ({@code pk = REGISTRY}):
 * the snapshot the cache keeps is one paginated Query, run at most once a minute per container. Teams belong
 * there because routing needs all of them at once and admins change them rarely; what changes on every
 * dispatch, a team's load, is an item of its own ({@link DynamoTeamLoadRepository}), so dispatches never write
 * to this partition and an admin's edit of a team never races its load. Volunteers, who are many and read one
 * at a time, are items of their own ({@code pk = VOLUNTEER#id}), and so is the claim on each identity document
 * a volunteer holds ({@code pk = IDENT#lookupHash}), which keeps a document to one volunteer.
 */
public final class DynamoRegistryRepository implements RegistryRepository {
    static final String PARTITION = "REGISTRY";
    private static final String AREA = "AREA#";
    private static final String CATEGORY = "CATEGORY#";
    private static final String TEAM = "TEAM#";
    private static final String VOLUNTEER = "VOLUNTEER";
    private static final String IDENT = "IDENT#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoRegistryRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Contents contents() {
        List<Area> areas = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        List<Team> teams = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryPartition()) {
            String sk = str(item, Keys.SK);
            if (sk.startsWith(AREA)) {
                areas.add(area(item));
            } else if (sk.startsWith(CATEGORY)) {
                categories.add(category(item));
            } else if (sk.startsWith(TEAM)) {
                teams.add(team(item));
            }
        }
        return new Contents(areas, categories, teams);
    }

    @Override
    public void putArea(Area area) {
        put(areaItem(area));
    }

    @Override
    public void putCategory(Category category) {
        Map<String, AttributeValue> item = new HashMap<>(registryKey(CATEGORY + category.code()));
        item.put("code", s(category.code()));
        item.put("name", s(category.name()));
        ClockItems.put(item, category.clocks());
        put(item);
    }

    @Override
    public void putTeam(Team team) {
        put(teamItem(team));
    }

    @Override
    public boolean createTeam(Team team) {
        return Storage.call("create team", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(teamItem(team)).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public void replaceTeam(Team previous, Team next) {
        replaceVersioned(teamItem(next), "#v = :v", previous.version(), "team " + previous.id());
    }

    @Override
    public Optional<Team> findTeam(String id) {
        return get("read team", registryKey(TEAM + id)).map(DynamoRegistryRepository::team);
    }

    @Override
    public void putVolunteer(Volunteer volunteer) {
        put(volunteerItem(volunteer));
    }

    @Override
    public boolean createVolunteer(Volunteer volunteer) {
        return Storage.call("create volunteer", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(volunteerItem(volunteer))
                        .conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public Optional<Volunteer> findVolunteer(String id) {
        return get("read volunteer", volunteerKey(id)).map(DynamoRegistryRepository::volunteer);
    }

    @Override
    public void replaceVolunteer(Volunteer previous, Volunteer next) {
        // a volunteer stored before versions were kept is at version 1
        replaceVersioned(volunteerItem(next), previous.version() == 1
                ? "attribute_exists(pk) AND (attribute_not_exists(#v) OR #v = :v)" : "#v = :v",
                previous.version(), "volunteer " + previous.id());
    }

    /**
     * Writes {@code next} over the item at {@code version} ({@code condition} on {@code #v = :v}); a write refused
     * because the item already is {@code next} was ours, sent again after its answer was lost.
     */
    private void replaceVersioned(Map<String, AttributeValue> next, String condition, long version, String what) {
        Map<String, AttributeValue> item = Storage.once(next);
        Storage.call("change " + what, () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":v", n(version))));
                return null;
            } catch (ConditionalCheckFailedException lost) {
                if (Storage.holds(client, table, item)) {
                    return null;
                }
                throw new ConcurrentChangeException(what + " changed since version " + version);
            }
        });
    }

    @Override
    public Optional<IdentityClaim> findIdentityClaim(String lookupHash) {
        return get("read identity claim", claimKey(lookupHash)).map(item -> new IdentityClaim(lookupHash,
                str(item, "volunteerId"), Instant.parse(str(item, "claimedAt")), str(item, "token")));
    }

    @Override
    public boolean claimIdentity(IdentityClaim claim) {
        return Storage.call("claim identity document", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(claimItem(claim))
                        .conditionExpression("attribute_not_exists(pk) OR volunteerId = :me")
                        .expressionAttributeValues(Map.of(":me", s(claim.volunteerId()))));
                return true;
            } catch (ConditionalCheckFailedException held) {
                return false;
            }
        });
    }

    @Override
    public boolean takeOverIdentityClaim(IdentityClaim leftover, IdentityClaim claim) {
        return Storage.call("take over identity claim", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(claimItem(claim)).conditionExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", "token"))
                        .expressionAttributeValues(Map.of(":t", s(leftover.token()))));
                return true;
            } catch (ConditionalCheckFailedException changed) {
                // our write, sent again after its answer was lost, holds our token
                return findIdentityClaim(claim.lookupHash()).filter(c -> c.token().equals(claim.token())).isPresent();
            }
        });
    }

    @Override
    public void releaseIdentityClaim(IdentityClaim claim) {
        Storage.call("release identity claim", () -> {
            try {
                client.deleteItem(b -> b.tableName(table).key(claimKey(claim.lookupHash())).conditionExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", "token"))
                        .expressionAttributeValues(Map.of(":t", s(claim.token()))));
            } catch (ConditionalCheckFailedException renewedOrGone) {
                // renewed by a write under way, or released already: either way not ours to delete
            }
            return null;
        });
    }

    @Override
    public List<Volunteer> findVolunteers(Collection<String> ids) {
        return Batch.getEventuallyConsistent(client, table,
                ids.stream().distinct().map(DynamoRegistryRepository::volunteerKey).toList(), "read volunteers")
                .stream().map(DynamoRegistryRepository::volunteer).toList();
    }

    static Map<String, AttributeValue> areaItem(Area area) {
        Map<String, AttributeValue> item = new HashMap<>(registryKey(AREA + area.id()));
        item.put("id", s(area.id()));
        item.put("name", s(area.name()));
        item.put("areaType", s(area.type().code()));
        Attr.putIf(item, "parentId", area.parentId());
        return item;
    }

    static Map<String, AttributeValue> teamItem(Team team) {
        Map<String, AttributeValue> item = new HashMap<>(registryKey(TEAM + team.id()));
        item.put("id", s(team.id()));
        item.put("name", s(team.name()));
        item.put("categories", Attr.strings(team.categories()));
        item.put("areaIds", Attr.strings(team.areaIds()));
        item.put("capacity", n(team.capacity()));
        item.put("leaders", Attr.strings(team.leaders()));
        item.put("members", Attr.strings(team.members()));
        item.put("active", AttributeValue.fromBool(team.active()));
        item.put("version", n(team.version()));
        return item;
    }

    private static Map<String, AttributeValue> volunteerItem(Volunteer volunteer) {
        Map<String, AttributeValue> item = new HashMap<>(volunteerKey(volunteer.id()));
        item.put("type", s("volunteer"));
        item.put("id", s(volunteer.id()));
        item.put("name", s(volunteer.name()));
        item.put("phone", s(volunteer.phone()));
        Attr.putIf(item, "volunteerNumber", volunteer.volunteerNumber());
        item.put("version", n(volunteer.version()));
        if (volunteer.identity() != null) {
            item.put("idType", s(volunteer.identity().type().code()));
            item.put("idMasked", s(volunteer.identity().masked()));
            item.put("idHash", s(volunteer.identity().lookupHash()));
            item.put("idSealed", s(volunteer.identity().sealed()));
        }
        return item;
    }

    private static Area area(Map<String, AttributeValue> item) {
        return new Area(str(item, "id"), str(item, "name"), AreaType.fromCode(str(item, "areaType")).orElseThrow(),
                str(item, "parentId"));
    }

    private static Category category(Map<String, AttributeValue> item) {
        return new Category(str(item, "code"), str(item, "name"), false, ClockItems.read(item));
    }

    private static Team team(Map<String, AttributeValue> item) {
        return new Team(str(item, "id"), str(item, "name"), Attr.strList(item, "categories"),
                Attr.strList(item, "areaIds"), (int) num(item, "capacity"), Attr.strList(item, "leaders"),
                Attr.strList(item, "members"), item.get("active").bool(), num(item, "version"));
    }

    private static Volunteer volunteer(Map<String, AttributeValue> item) {
        StoredIdentity identity = item.containsKey("idType") ? new StoredIdentity(
                DocumentType.fromCode(str(item, "idType")).orElseThrow(), str(item, "idMasked"), str(item, "idHash"),
                str(item, "idSealed")) : null;
        return new Volunteer(str(item, "id"), str(item, "name"), str(item, "phone"), str(item, "volunteerNumber"),
                identity, item.containsKey("version") ? num(item, "version") : 1);
    }

    private void put(Map<String, AttributeValue> item) {
        Storage.call("write registry", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    private Optional<Map<String, AttributeValue>> get(String what, Map<String, AttributeValue> key) {
        return Storage.call(what, () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<Map<String, AttributeValue>>empty() : Optional.of(item);
        });
    }

    private static Map<String, AttributeValue> registryKey(String sk) {
        return Map.of(Keys.PK, s(PARTITION), Keys.SK, s(sk));
    }

    /** An identity document's claim, one item per look-up hash: {@code IDENT#hash}. */
    private static Map<String, AttributeValue> claimKey(String lookupHash) {
        return Map.of(Keys.PK, s(IDENT + lookupHash), Keys.SK, s("IDENT"));
    }

    private static Map<String, AttributeValue> claimItem(IdentityClaim claim) {
        Map<String, AttributeValue> item = new HashMap<>(claimKey(claim.lookupHash()));
        item.put("volunteerId", s(claim.volunteerId()));
        item.put("claimedAt", s(claim.claimedAt().toString()));
        item.put("token", s(claim.token()));
        return item;
    }

    private static Map<String, AttributeValue> volunteerKey(String id) {
        return Map.of(Keys.PK, s(VOLUNTEER + "#" + id), Keys.SK, s(VOLUNTEER));
    }

    private List<Map<String, AttributeValue>> queryPartition() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read registry", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s(PARTITION)))
                    .exclusiveStartKey(from)));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
