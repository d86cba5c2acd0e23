package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import diandan.domain.TeamLoad;
import diandan.port.request.TeamLoadRepository;
import diandan.port.request.TeamLoadRepository.Counting;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Teams' loads: one item per team ({@code pk = LOAD#<teamId>}), apart from the registry partition because it
 * changes on every dispatch.
 *
 * <p>The item keeps, per request, the latest request version it has heard of, as a signed number:
 * {@code R#<requestId> = +v} while version v counts against the team, {@code -v} once version v does not (a
 * tombstone, written at the epoch second in {@code G#<requestId>}). One conditional update records a version
 * only if the one held is no newer ({@code -v <= held <= v}), so records may be repeated, arrive late or
 * race, and the item still ends with the latest version's answer: the open count, the number of positive
 * entries, cannot drift. There is no separate counter to keep in step. A version's record may replace another
 * record of the same version: one made beside a write that then did not land (it lost its race, or failed)
 * names a version the request has, or will have, with another answer; whoever knows the stored version
 * (the write itself, a repair, the next write) puts that version's own answer over it, and a version the
 * request never reached is revoked ({@link #revoke}).
 *
 * <p>A tombstone is needed only while a late record of an older version may still arrive: a record is made
 * within one invocation (the SDK gives up after {@link DynamoDb#CALL_TIMEOUT}, the function after its timeout),
 * so after {@link #TOMBSTONE_LIFETIME} the next record that sees a tombstone removes it. The item stays small:
 * at most capacity positive entries (≤ 100) and the last quarter hour's tombstones.
 */
public final class DynamoTeamLoadRepository implements TeamLoadRepository {
    /** Far longer than any invocation could hold on to a record before sending it. */
    public static final Duration TOMBSTONE_LIFETIME = Duration.ofMinutes(15);
    /** Tombstones removed by one update at most, keeping its condition expression short. */
    static final int TOMBSTONES_PER_SWEEP = 25;
    private static final String PREFIX = "LOAD#";
    private static final String ENTRY = "R#";
    private static final String TOMBSTONE_TIME = "G#";
    private static final String LAST_DISPATCHED_AT = "lastDispatchedAt";

    private final DynamoDbClient client;
    private final String table;

    public DynamoTeamLoadRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Map<String, TeamLoad> loads(Collection<String> teamIds) {
        Map<String, TeamLoad> loads = new LinkedHashMap<>();
        teamIds.forEach(id -> loads.put(id, TeamLoad.idle(id)));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : loads.keySet()) { // each team once
            keys.add(key(id));
        }
        for (Map<String, AttributeValue> item : Batch.getConsistent(client, table, keys, "read team loads")) {
            TeamLoad load = load(item);
            loads.put(load.teamId(), load);
        }
        return loads;
    }

    @Override
    public TeamLoad load(String teamId) {
        return Storage.call("read team load", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(teamId))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? TeamLoad.idle(teamId) : load(item);
        });
    }

    @Override
    public Set<String> counted(String teamId) {
        Map<String, AttributeValue> item = Storage.call("read team load", () -> client.getItem(b -> b.tableName(table)
                .key(key(teamId)).consistentRead(true)).item());
        Set<String> counted = new TreeSet<>();
        if (item != null) {
            item.forEach((name, value) -> {
                if (isCounted(name, value)) {
                    counted.add(name.substring(ENTRY.length()));
                }
            });
        }
        return counted;
    }

    @Override
    public void record(String teamId, String requestId, long version, Counting counting, Instant dispatchedAt,
                       Instant at) {
        // any entry of this version or an older one, or none: this version's own record is its answer
        write(teamId, requestId, version, counting == Counting.COUNTS, dispatchedAt, at,
                "attribute_not_exists(#r) OR (#r >= :older AND #r <= :newer)", Map.of());
    }

    @Override
    public boolean repair(String teamId, String requestId, long version, Counting counting, Instant at) {
        boolean counted = counting == Counting.COUNTS;
        // an entry of this version or an older one that counts the other way; for a version that counts, also none
        return write(teamId, requestId, version, counted, null, at, counted
                ? "attribute_not_exists(#r) OR (#r >= :older AND #r < :zero)"
                : "attribute_exists(#r) AND (#r > :zero AND #r <= :newer)", Map.of());
    }

    @Override
    public boolean revoke(String teamId, String requestId, long recorded, long version, Counting counting,
                          Instant at) {
        return write(teamId, requestId, version, counting == Counting.COUNTS, null, at, "#r = :recorded",
                Map.of(":recorded", n(recorded)));
    }

    @Override
    public Map<String, Long> entries(String teamId) {
        Map<String, AttributeValue> item = Storage.call("read team load", () -> client.getItem(b -> b.tableName(table)
                .key(key(teamId)).consistentRead(true)).item());
        Map<String, Long> entries = new TreeMap<>();
        if (item != null) {
            item.forEach((name, value) -> {
                if (name.startsWith(ENTRY)) {
                    entries.put(name.substring(ENTRY.length()), Long.parseLong(value.n()));
                }
            });
        }
        return entries;
    }

    /**
     * @param condition on the request's entry {@code #r} (positive: the version that counts; negative: the
     *                  version that does not), with {@code :older} (minus the version), {@code :newer} (the
     *                  version) and {@code :zero}, and any of {@code conditionValues}
     * @return whether it wrote: false when the condition refused it
     */
    private boolean write(String teamId, String requestId, long version, boolean counted, Instant dispatchedAt,
                          Instant at, String condition, Map<String, AttributeValue> conditionValues) {
        Map<String, String> names = new HashMap<>(Map.of("#r", ENTRY + requestId, "#g", TOMBSTONE_TIME + requestId));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":entry", n(counted ? version : -version), ":newer", n(version), ":older", n(-version), ":zero", n(0)));
        values.putAll(conditionValues);
        StringBuilder update = new StringBuilder("SET #r = :entry");
        if (dispatchedAt != null) {
            names.put("#d", LAST_DISPATCHED_AT);
            values.put(":d", Attr.t(dispatchedAt));
            update.append(", #d = :d");
        }
        if (counted) {
            update.append(" REMOVE #g");
        } else {
            values.put(":at", n(at.getEpochSecond()));
            update.append(", #g = :at");
        }
        values.keySet().removeIf(value -> !condition.contains(value) && !update.toString().contains(value)); // the store refuses unused ones
        UpdateItemResponse response = Storage.call("record team load", () -> {
            try {
                return client.updateItem(b -> b.tableName(table).key(key(teamId)).updateExpression(update.toString())
                        .conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW));
            } catch (ConditionalCheckFailedException heardOfNewer) {
                return null;
            }
        });
        if (response == null) {
            return false;
        }
        removeOldTombstones(teamId, response.attributes(), at.minus(TOMBSTONE_LIFETIME));
        return true;
    }

    /**
     * Removes the team's tombstones written before {@code cutoff} (a sweep's worth), as the team's next record
     * does once they are {@link #TOMBSTONE_LIFETIME} old. For a caller that churns a team's requests in minutes
     * and wants the item as a team that has had a quiet quarter hour holds it: the benchmark.
     */
    public void removeTombstones(String teamId, Instant cutoff) {
        Map<String, AttributeValue> item = Storage.call("read team load", () -> client.getItem(b -> b.tableName(table)
                .key(key(teamId)).consistentRead(true)).item());
        if (item != null && !item.isEmpty()) {
            removeOldTombstones(teamId, item, cutoff);
        }
    }

    /** Removes tombstones written before {@code cutoff}, each only if nothing has recorded it since. */
    private void removeOldTombstones(String teamId, Map<String, AttributeValue> item, Instant cutoff) {
        List<String> conditions = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            String name = attribute.getKey();
            if (!name.startsWith(TOMBSTONE_TIME) || Long.parseLong(attribute.getValue().n()) >= cutoff.getEpochSecond()) {
                continue;
            }
            String entry = ENTRY + name.substring(TOMBSTONE_TIME.length());
            int i = conditions.size();
            names.put("#g" + i, name);
            names.put("#r" + i, entry);
            values.put(":g" + i, attribute.getValue());
            values.put(":r" + i, item.get(entry));
            conditions.add("#g" + i + " = :g" + i + " AND #r" + i + " = :r" + i);
            removals.add("#g" + i);
            removals.add("#r" + i);
            if (conditions.size() == TOMBSTONES_PER_SWEEP) {
                break;
            }
        }
        if (conditions.isEmpty()) {
            return;
        }
        Storage.call("remove old tombstones", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(key(teamId))
                        .updateExpression("REMOVE " + String.join(", ", removals))
                        .conditionExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException recordedSince) {
                // a newer record touched one of them: the next record sweeps again
            }
            return null;
        });
    }

    private static TeamLoad load(Map<String, AttributeValue> item) {
        int open = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (isCounted(attribute.getKey(), attribute.getValue())) {
                open++;
            }
        }
        String pk = Attr.str(item, Keys.PK);
        return new TeamLoad(pk.substring(PREFIX.length()), open, Attr.instant(item, LAST_DISPATCHED_AT));
    }

    /** A request's entry whose latest version counts against the team: a positive version. */
    private static boolean isCounted(String name, AttributeValue value) {
        return name.startsWith(ENTRY) && Long.parseLong(value.n()) > 0;
    }

    private static Map<String, AttributeValue> key(String teamId) {
        return Map.of(Keys.PK, s(PREFIX + teamId), Keys.SK, s("LOAD"));
    }
}
