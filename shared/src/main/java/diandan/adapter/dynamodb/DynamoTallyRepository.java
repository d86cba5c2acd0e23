package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import diandan.domain.AreaPath;
import diandan.domain.AreaType;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.QueuedRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyFacts;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.port.hours.RollupStore;
import diandan.port.hours.TallyRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Tallies and the rollup's state in the single table.
 * <ul>
 * <li>A tally is one item, {@code TALLY#scope#id} / period; a leaderboard entry is {@code RANK#scope#area#id} /
 * period, listed on the index of its area's level (ByCommunity, ByStreet, ByDistrict) under {@code
 * RANK#scope#period#area} and sorted by {@code listSort = zero-padded half hours#id}.</li>
 * <li>Each tally carries {@code appliedBatch}, the last batch added to it: a batch is added only to tallies
 * whose {@code appliedBatch} is lower, so a repeated or concurrent application adds nothing.</li>
 * <li>The rollup's lease is {@code ROLLUP}/{@code LEASE}; batch plans are {@code ROLLUP}/{@code BATCH#n}, n
 * zero-padded so that the latest is the first of a descending Query.</li>
 * </ul>
 */
public final class DynamoTallyRepository implements TallyRepository, RollupStore {
    private static final String ROLLUP = "ROLLUP";
    private static final String BATCH = "BATCH#";
    /** Half hours in a leaderboard sort key: ten digits hold a district's five billion hours. */
    private static final String RANK_DIGITS = "%010d";

    private final DynamoDbClient client;
    private final String table;

    public DynamoTallyRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    static Map<String, AttributeValue> key(TallyKey key) {
        String pk = key.isRanking()
                ? "RANK#" + key.scope().code() + "#" + key.areaId() + "#" + key.id()
                : "TALLY#" + key.scope().code() + "#" + key.id();
        return Map.of(Keys.PK, s(pk), Keys.SK, s(key.period()));
    }

    private static String rankingPartition(TallyScope scope, String period, String areaId) {
        return "RANK#" + scope.code() + "#" + period + "#" + areaId;
    }

    private static String rankingIndexKey(AreaType level) {
        return switch (level) {
            case COMMUNITY -> Keys.COMMUNITY_KEY;
            case STREET -> Keys.STREET_KEY;
            case DISTRICT -> Keys.DISTRICT_KEY;
            case CITY, PROVINCE -> throw new IllegalArgumentException("rankings are kept within a district, not per " + level);
        };
    }

    private static Tally tally(TallyKey key, Map<String, AttributeValue> item) {
        return new Tally(key, HoursItems.halfHours(item, "hours"), num(item, "records"),
                HoursItems.halfHours(item, "checkInHours"));
    }

    @Override
    public Tally tally(TallyKey key) {
        Map<String, AttributeValue> item = Storage.call("read tally",
                () -> client.getItem(b -> b.tableName(table).key(key(key))).item());
        return item == null || item.isEmpty() ? Tally.empty(key) : tally(key, item);
    }

    @Override
    public List<Tally> leaderboard(TallyScope scope, AreaType level, String areaId, String period, int limit) {
        String indexKey = rankingIndexKey(level);
        String index = switch (level) {
            case COMMUNITY -> Keys.BY_COMMUNITY;
            case STREET -> Keys.BY_STREET;
            case DISTRICT -> Keys.BY_DISTRICT;
            case CITY, PROVINCE -> throw new IllegalArgumentException("rankings are kept within a district, not per " + level);
        };
        return new IndexQuery(index, indexKey, rankingPartition(scope, period, areaId))
                .page(client, table, limit, null, "read leaderboard",
                        item -> tally(new TallyKey(scope, str(item, "id"), level, areaId, period), item))
                .items();
    }

    @Override
    public boolean acquireLease(String runner, Instant now, Instant until) {
        return Storage.call("acquire rollup lease", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(Map.of(Keys.PK, s(ROLLUP), Keys.SK, s("LEASE")))
                        .updateExpression("SET runner = :runner, leaseUntil = :until")
                        .conditionExpression("attribute_not_exists(leaseUntil) OR leaseUntil < :now OR runner = :runner")
                        .expressionAttributeValues(Map.of(":runner", s(runner), ":until", Attr.t(until),
                                ":now", Attr.t(now))));
                return true;
            } catch (ConditionalCheckFailedException held) {
                return false;
            }
        });
    }

    @Override
    public void releaseLease(String runner) {
        Storage.call("release rollup lease", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(Map.of(Keys.PK, s(ROLLUP), Keys.SK, s("LEASE")))
                        .updateExpression("REMOVE leaseUntil")
                        .conditionExpression("runner = :runner")
                        .expressionAttributeValues(Map.of(":runner", s(runner))));
            } catch (ConditionalCheckFailedException takenOver) {
                // another runner holds it since ours expired: it is theirs to give back
            }
            return null;
        });
    }

    @Override
    public Optional<StoredBatch> latestBatch() {
        QueryResponse response = Storage.call("read latest batch", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :p AND begins_with(sk, :batch)")
                .expressionAttributeValues(Map.of(":p", s(ROLLUP), ":batch", s(BATCH)))
                .scanIndexForward(false).limit(1).consistentRead(true)));
        return response.items().stream().findFirst().map(item -> new StoredBatch(plan(item),
                item.containsKey("done") && item.get("done").bool()));
    }

    @Override
    public List<QueuedRecord> queued(int limit) {
        QueryResponse response = Storage.call("read rollup queue", () -> client.query(b -> b.tableName(table)
                .indexName(Keys.BY_QUEUE).keyConditionExpression("#q = :q")
                .expressionAttributeNames(Map.of("#q", Keys.QUEUE_KEY, "#id", "id"))
                .expressionAttributeValues(Map.of(":q", s(HoursItems.ROLLUP_QUEUE)))
                .projectionExpression("#id").limit(limit)));
        return queued(response.items().stream().map(item -> str(item, "id")).toList());
    }

    /** Re-read on the base items: the index may lag, and only the item says whether it still waits. */
    @Override
    public List<QueuedRecord> queued(Collection<String> ids) {
        return Batch.current(client, table, ids.stream().map(HoursItems::key).toList(), "read queued records").stream()
                .filter(item -> item.containsKey(Keys.QUEUE_KEY)).map(HoursItems::queued).toList();
    }

    private static Map<String, AttributeValue> batchKey(long number) {
        return Map.of(Keys.PK, s(ROLLUP), Keys.SK, s(BATCH + String.format("%012d", number)));
    }

    @Override
    public RollupPlan createBatch(RollupPlan plan, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(batchKey(plan.number()));
        item.put("type", s("rollup_batch"));
        item.put("number", n(plan.number()));
        item.put("createdAt", Attr.t(at));
        item.put("records", AttributeValue.fromL(plan.records().stream().map(DynamoTallyRepository::planned).toList()));
        return Storage.call("create rollup batch", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return plan;
            } catch (ConditionalCheckFailedException createdByAnotherRun) {
                return plan(client.getItem(b -> b.tableName(table).key(batchKey(plan.number())).consistentRead(true)).item());
            }
        });
    }

    private static AttributeValue planned(RollupPlan.Planned record) {
        TallyFacts facts = record.facts();
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(record.id()));
        m.put("volunteerId", s(facts.volunteerId()));
        m.put("teamId", s(facts.teamId()));
        m.put("communityId", s(facts.area().communityId()));
        m.put("streetId", s(facts.area().streetId()));
        m.put("districtId", s(facts.area().districtId()));
        m.put("category", s(facts.category()));
        m.put("date", s(facts.date().toString()));
        m.put("status", s(record.status().code()));
        m.put("fromHours", HoursItems.hours(record.from().halfHours()));
        m.put("fromRecords", n(record.from().records()));
        m.put("toHours", HoursItems.hours(record.to().halfHours()));
        m.put("toRecords", n(record.to().records()));
        m.put("fromCheckInHours", HoursItems.hours(record.from().checkInHalfHours()));
        m.put("toCheckInHours", HoursItems.hours(record.to().checkInHalfHours()));
        return AttributeValue.fromM(m);
    }

    private static RollupPlan plan(Map<String, AttributeValue> item) {
        List<RollupPlan.Planned> records = item.get("records").l().stream().map(AttributeValue::m).map(m ->
                new RollupPlan.Planned(str(m, "id"),
                        new TallyFacts(str(m, "volunteerId"), str(m, "teamId"),
                                new AreaPath(str(m, "communityId"), str(m, "streetId"), str(m, "districtId")),
                                str(m, "category"), LocalDate.parse(str(m, "date"))),
                        RecordStatus.fromCode(str(m, "status")).orElseThrow(),
                        new Contribution(HoursItems.halfHours(m, "fromHours"), num(m, "fromRecords"),
                                HoursItems.halfHours(m, "fromCheckInHours")),
                        new Contribution(HoursItems.halfHours(m, "toHours"), num(m, "toRecords"),
                                HoursItems.halfHours(m, "toCheckInHours")))).toList();
        return new RollupPlan(num(item, "number"), records);
    }

    @Override
    public void applyTallies(long batch, Map<TallyKey, Contribution> deltas) {
        // a leaderboard entry's sort key is its new total: read what it holds (nothing of this batch yet, or the
        // update below is refused anyway)
        List<Map<String, AttributeValue>> rankingKeys = deltas.keySet().stream().filter(TallyKey::isRanking)
                .map(DynamoTallyRepository::key).toList();
        Map<String, Long> held = Batch.getConsistent(client, table, rankingKeys, "read leaderboard entries").stream()
                .collect(Collectors.toMap(item -> str(item, Keys.PK) + "\u0000" + str(item, Keys.SK),
                        item -> HoursItems.halfHours(item, "hours")));
        deltas.forEach((key, delta) -> {
            Map<String, AttributeValue> itemKey = key(key);
            Map<String, String> names = new HashMap<>(Map.of("#h", "hours", "#r", "records", "#ch", "checkInHours",
                    "#b", "appliedBatch", "#sc", "scope", "#id", "id", "#pe", "period", "#ty", "type"));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":dh", HoursItems.hours(delta.halfHours()),
                    ":dr", n(delta.records()), ":dc", HoursItems.hours(delta.checkInHalfHours()), ":n", n(batch),
                    ":scope", s(key.scope().code()), ":id", s(key.id()), ":period", s(key.period()),
                    ":type", s("tally")));
            StringBuilder set = new StringBuilder("SET #b = :n, #sc = :scope, #id = :id, #pe = :period, #ty = :type");
            if (key.isRanking()) {
                long total = held.getOrDefault(str(itemKey, Keys.PK) + "\u0000" + str(itemKey, Keys.SK), 0L)
                        + delta.halfHours();
                names.put("#ik", rankingIndexKey(key.areaLevel()));
                names.put("#ls", Keys.LIST_SORT);
                names.put("#ar", "areaId");
                values.put(":ik", s(rankingPartition(key.scope(), key.period(), key.areaId())));
                values.put(":ls", s(String.format(RANK_DIGITS, total) + "#" + key.id()));
                values.put(":area", s(key.areaId()));
                set.append(", #ik = :ik, #ls = :ls, #ar = :area");
            }
            Storage.call("apply tally", () -> {
                try {
                    client.updateItem(b -> b.tableName(table).key(itemKey)
                            .updateExpression("ADD #h :dh, #r :dr, #ch :dc " + set)
                            .conditionExpression("attribute_not_exists(#b) OR #b < :n")
                            .expressionAttributeNames(names).expressionAttributeValues(values));
                } catch (ConditionalCheckFailedException appliedBefore) {
                    // this batch (or a later one) is in this tally already
                }
                return null;
            });
        });
    }

    @Override
    public void markApplied(long batch, RollupPlan.Planned record) {
        Map<String, String> names = Map.of("#b", "appliedBatch", "#s", "status", "#q", Keys.QUEUE_KEY);
        Map<String, AttributeValue> values = Map.of(":h", HoursItems.hours(record.to().halfHours()),
                ":c", n(record.to().records()), ":ci", HoursItems.hours(record.to().checkInHalfHours()), ":n", n(batch),
                ":status", s(record.status().code()));
        String notMarked = "(attribute_not_exists(#b) OR #b < :n)";
        String set = "SET appliedHours = :h, appliedRecords = :c, appliedCheckInHours = :ci, #b = :n";
        Storage.call("mark record tallied", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(HoursItems.key(record.id()))
                        .updateExpression(set + " REMOVE #q")
                        .conditionExpression(notMarked + " AND #s = :status")
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException changedOrMarked) {
                try {
                    // its status changed since the plan: it stays queued for the next batch to move it on
                    client.updateItem(b -> b.tableName(table).key(HoursItems.key(record.id()))
                            .updateExpression(set).conditionExpression(notMarked)
                            .expressionAttributeNames(Map.of("#b", "appliedBatch"))
                            .expressionAttributeValues(Map.of(":h", values.get(":h"), ":c", values.get(":c"),
                                    ":ci", values.get(":ci"), ":n", values.get(":n"))));
                } catch (ConditionalCheckFailedException markedBefore) {
                    // this batch (or a later one) marked it already
                }
            }
            return null;
        });
    }

    @Override
    public void finishBatch(long batch, Instant at) {
        Storage.call("finish rollup batch", () -> client.updateItem(b -> b.tableName(table).key(batchKey(batch))
                .updateExpression("SET done = :done, doneAt = if_not_exists(doneAt, :at)")
                .expressionAttributeValues(Map.of(":done", AttributeValue.fromBool(true), ":at", Attr.t(at)))));
    }
}
