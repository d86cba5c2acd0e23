package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.instant;
import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;
import static diandan.adapter.dynamodb.Attr.t;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import diandan.domain.AreaPath;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Place;
import diandan.domain.sessions.Roster;
import diandan.domain.sessions.Session;
import diandan.port.sessions.SessionRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Sessions as items {@code SESS#id / SESS} holding the roster: {@code members} and {@code waitlist} as lists (in
 * the order places were taken and volunteers arrived) and {@code confirmed} as a string set. Each roster change
 * is one UpdateItem whose condition states what it relies on, so concurrent sign-ups and cancellations serialise
 * on the item. Attendance as items {@code SESS#id / ATT#volunteer}; each session's closing-queue entry as its own
 * item {@code SESSCLOSE#id} on ByQueue ({@code listSort = closesAt#id}), written before the session and taken
 * off the queue (its queue key removed) once the session is closed.
 * An activity's sessions are listed on ByTeam under {@code SESS#activity}, sorted by {@code listSort = start#id}.
 */
public final class DynamoSessionRepository implements SessionRepository {
    static final String CLOSE_QUEUE = "QUEUE#session_close";
    private static final String PREFIX = "SESS#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoSessionRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(Keys.PK, s(PREFIX + id), Keys.SK, s("SESS"));
    }

    private static Map<String, AttributeValue> attendanceKey(String id, String volunteerId) {
        return Map.of(Keys.PK, s(PREFIX + id), Keys.SK, s("ATT#" + volunteerId));
    }

    private static Map<String, AttributeValue> closeKey(String id) {
        return Map.of(Keys.PK, s("SESSCLOSE#" + id), Keys.SK, s("SESSCLOSE"));
    }

    @Override
    public boolean create(Session x) {
        Map<String, AttributeValue> entry = new HashMap<>(closeKey(x.id()));
        entry.put("type", s("session_close"));
        entry.put("sessionId", s(x.id()));
        entry.put(Keys.QUEUE_KEY, s(CLOSE_QUEUE));
        entry.put(Keys.LIST_SORT, s(Attr.time(x.closesAt()) + "#" + x.id()));
        Map<String, AttributeValue> item = new HashMap<>(key(x.id()));
        item.put("type", s("session"));
        item.put("id", s(x.id()));
        item.put("activityId", s(x.activityId()));
        item.put("teamId", s(x.teamId()));
        item.put("title", s(x.title()));
        item.put("category", s(x.category()));
        item.put("communityId", s(x.area().communityId()));
        item.put("streetId", s(x.area().streetId()));
        item.put("districtId", s(x.area().districtId()));
        item.put("start", t(x.start()));
        item.put("end", t(x.end()));
        item.put("address", s(x.place().address()));
        if (x.place().hasPoint()) {
            item.put("latitude", AttributeValue.fromN(Double.toString(x.place().latitude())));
            item.put("longitude", AttributeValue.fromN(Double.toString(x.place().longitude())));
            item.put("radiusMetres", n(x.place().radiusMetres()));
        }
        item.put("quota", n(x.quota()));
        item.put("confirmationRequired", AttributeValue.fromBool(x.confirmationRequired()));
        item.put("createdBy", s(x.createdBy()));
        item.put("createdAt", t(x.createdAt()));
        item.put("secret", s(x.secret()));
        if (x.fingerprint() != null) {
            item.put("fingerprint", s(x.fingerprint()));
        }
        item.put("members", AttributeValue.fromL(List.of()));
        item.put("waitlist", AttributeValue.fromL(List.of()));
        item.put(Keys.TEAM_KEY, s(PREFIX + x.activityId()));
        item.put(Keys.LIST_SORT, s(Attr.time(x.start()) + "#" + x.id()));
        return Storage.call("create session", () -> {
            try {
                // a retry finds the entry of its first attempt; another body under the same key cannot move it
                client.putItem(b -> b.tableName(table).item(entry).conditionExpression("attribute_not_exists(pk)"));
            } catch (ConditionalCheckFailedException entered) {
                // written by an earlier attempt of this session
            }
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    private static Session session(Map<String, AttributeValue> item) {
        AttributeValue lat = item.get("latitude");
        Place place = new Place(str(item, "address"), lat == null ? null : Double.valueOf(lat.n()),
                lat == null ? null : Double.valueOf(item.get("longitude").n()),
                lat == null ? null : (int) num(item, "radiusMetres"));
        return new Session(str(item, "id"), str(item, "activityId"), str(item, "teamId"), str(item, "title"),
                str(item, "category"), new AreaPath(str(item, "communityId"), str(item, "streetId"),
                str(item, "districtId")), instant(item, "start"), instant(item, "end"), place,
                (int) num(item, "quota"), item.get("confirmationRequired").bool(), str(item, "createdBy"),
                instant(item, "createdAt"), str(item, "secret"), str(item, "fingerprint"));
    }

    private static Roster roster(Map<String, AttributeValue> item) {
        AttributeValue confirmed = item.get("confirmed");
        return new Roster(Attr.strList(item, "members"), Attr.strList(item, "waitlist"),
                confirmed == null ? Set.of() : Set.copyOf(confirmed.ss()));
    }

    @Override
    public Optional<Stored> find(String id) {
        return Storage.call("read session", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(id))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<Stored>empty()
                    : Optional.of(new Stored(session(item), roster(item)));
        });
    }

    @Override
    public List<Session> ofActivity(String activityId, int limit) {
        return Storage.call("list sessions", () -> client.query(b -> b.tableName(table).indexName(Keys.BY_TEAM)
                .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", Keys.TEAM_KEY))
                .expressionAttributeValues(Map.of(":k", s(PREFIX + activityId))).limit(limit))
                .items().stream().map(DynamoSessionRepository::session).toList());
    }

    /** The session as the write left it (its whole item returned by the write: no read after), if its condition held. */
    private Optional<Stored> update(String what, Map<String, AttributeValue> key, String update, String condition,
                                    Map<String, AttributeValue> values) {
        return written(what, key, update, condition, values).map(item -> new Stored(session(item), roster(item)));
    }

    /** The item as the conditional write left it, if its condition held. */
    private Optional<Map<String, AttributeValue>> written(String what, Map<String, AttributeValue> key, String update,
                                                          String condition, Map<String, AttributeValue> values) {
        return Storage.call(what, () -> {
            try {
                return Optional.of(client.updateItem(b -> b.tableName(table).key(key).updateExpression(update)
                        .conditionExpression(condition).expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW)).attributes());
            } catch (ConditionalCheckFailedException conditionFailed) {
                return Optional.<Map<String, AttributeValue>>empty();
            }
        });
    }

    private static final String ABSENT = "attribute_exists(pk) AND NOT contains(members, :v) AND NOT contains(waitlist, :v)";

    @Override
    public Optional<Stored> join(String sessionId, String volunteerId, int quota, boolean confirmed) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", s(volunteerId), ":one",
                AttributeValue.fromL(List.of(s(volunteerId))), ":quota", n(quota), ":zero", n(0)));
        String update = "SET members = list_append(members, :one)";
        if (confirmed) {
            update += " ADD confirmed :set";
            values.put(":set", AttributeValue.fromSs(List.of(volunteerId)));
        }
        return update("join session", key(sessionId), update,
                ABSENT + " AND size(members) < :quota AND size(waitlist) = :zero", values);
    }

    @Override
    public Optional<Stored> enqueue(String sessionId, String volunteerId, int maxWaitlist) {
        return update("join waitlist", key(sessionId), "SET waitlist = list_append(waitlist, :one)",
                ABSENT + " AND size(waitlist) < :max", Map.of(":v", s(volunteerId),
                        ":one", AttributeValue.fromL(List.of(s(volunteerId))), ":max", n(maxWaitlist)));
    }

    @Override
    public Optional<Stored> remove(String sessionId, String volunteerId, boolean waiting, int index) {
        String path = (waiting ? "waitlist" : "members") + "[" + index + "]";
        return update("leave session", key(sessionId), "REMOVE " + path + " DELETE confirmed :set",
                path + " = :v", Map.of(":v", s(volunteerId), ":set", AttributeValue.fromSs(List.of(volunteerId))));
    }

    @Override
    public Optional<Stored> promote(String sessionId, String head, int quota, boolean confirmed) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", s(head), ":one",
                AttributeValue.fromL(List.of(s(head))), ":quota", n(quota)));
        String update = "REMOVE waitlist[0] SET members = list_append(members, :one)";
        if (confirmed) {
            update += " ADD confirmed :set";
            values.put(":set", AttributeValue.fromSs(List.of(head)));
        }
        return update("promote from waitlist", key(sessionId), update, "waitlist[0] = :v AND size(members) < :quota",
                values);
    }

    @Override
    public Optional<Stored> confirm(String sessionId, String volunteerId) {
        return update("confirm place", key(sessionId), "ADD confirmed :set", "contains(members, :v)",
                Map.of(":v", s(volunteerId), ":set", AttributeValue.fromSs(List.of(volunteerId))));
    }

    @Override
    public Optional<Stored> release(String sessionId, String volunteerId, int index) {
        String path = "members[" + index + "]";
        return update("release unconfirmed place", key(sessionId), "REMOVE " + path,
                path + " = :v AND NOT contains(confirmed, :v)", Map.of(":v", s(volunteerId)));
    }

    private static Attendance attendance(Map<String, AttributeValue> item) {
        AttributeValue auto = item.get("autoClosed");
        return new Attendance(str(item, "sessionId"), str(item, "volunteerId"), instant(item, "checkedInAt"),
                instant(item, "checkedOutAt"), auto != null && auto.bool(), str(item, "recordId"));
    }

    @Override
    public Optional<Attendance> attendance(String sessionId, String volunteerId) {
        return Storage.call("read attendance", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                    .key(attendanceKey(sessionId, volunteerId)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<Attendance>empty() : Optional.of(attendance(item));
        });
    }

    /** One page of a session's partition: a session holds at most its quota of attendances. */
    @Override
    public List<Attendance> attendances(String sessionId) {
        return Storage.call("list attendance", () -> client.queryPaginator(b -> b.tableName(table)
                .consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :att)")
                .expressionAttributeValues(Map.of(":pk", s(PREFIX + sessionId), ":att", s("ATT#"))))
                .items().stream().map(DynamoSessionRepository::attendance).toList());
    }

    @Override
    public boolean checkIn(String sessionId, String volunteerId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(attendanceKey(sessionId, volunteerId));
        item.put("type", s("attendance"));
        item.put("sessionId", s(sessionId));
        item.put("volunteerId", s(volunteerId));
        item.put("checkedInAt", t(at));
        return Storage.call("check in", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException already) {
                return false;
            }
        });
    }

    @Override
    public boolean checkOut(String sessionId, String volunteerId, Instant at, boolean autoClosed) {
        return written("check out", attendanceKey(sessionId, volunteerId), "SET checkedOutAt = :at, autoClosed = :auto",
                "attribute_exists(checkedInAt) AND attribute_not_exists(checkedOutAt)",
                Map.of(":at", t(at), ":auto", AttributeValue.fromBool(autoClosed))).isPresent();
    }

    @Override
    public void drafted(String sessionId, String volunteerId, String recordId) {
        Storage.call("note drafted record", () -> client.updateItem(b -> b.tableName(table)
                .key(attendanceKey(sessionId, volunteerId)).updateExpression("SET recordId = :r")
                .expressionAttributeValues(Map.of(":r", s(recordId)))));
    }

    @Override
    public List<String> dueForClosing(Instant now, int limit) {
        return Storage.call("list sessions to close", () -> client.query(b -> b.tableName(table)
                .indexName(Keys.BY_QUEUE).keyConditionExpression("#q = :q AND #s <= :now")
                .expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY, "#s", Keys.LIST_SORT))
                .expressionAttributeValues(Map.of(":q", s(CLOSE_QUEUE), ":now", s(Attr.time(now) + "#~")))
                .limit(limit)).items().stream().map(item -> str(item, "sessionId")).toList());
    }

    @Override
    public void closed(String sessionId) {
        Storage.call("leave closing queue", () -> client.updateItem(b -> b.tableName(table).key(closeKey(sessionId))
                .updateExpression("REMOVE #q").expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY))));
    }
}
