package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import diandan.app.PageSize;
import diandan.domain.AreaPath;
import diandan.domain.AreaType;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.Periods;
import diandan.domain.hours.QueuedRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.RollupPlan;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyFacts;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import diandan.port.ConcurrentChangeException;
import diandan.port.hours.RollupStore;
import diandan.port.hours.TallyRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Tallies and the rollup's state in the single table.
 * <ul>
 * <li>A year's totals and its months' are one item, {@code TALLY#scope#id} / year: the year in {@code hours},
 * {@code records}, {@code checkInHours}, each month in the same names suffixed {@code _MM}; all time is {@code
 * TALLY#scope#id} / {@code all}. So a record's six scopes are 12 item writes, not 18.</li>
 * <li>A leaderboard entry is {@code BOARD#scope#areaId#year} (or {@code #all}) / id, laid out as a tally item,
 * in no index: an update moves no index entry (an entry on an index sorted by its total was a table write and two
 * index writes each time it moved). The partition's leaders item ({@code #LEADERS}, a month's {@code
 * #LEADERS_MM}) names its first {@code leaders} entries, kept by the rollup ({@link #keepLeaders}); a leaderboard
 * reads them by key and sorts them.</li>
 * <li>Each item carries {@code appliedBatch}, the last batch added to it: a batch is added only to items whose
 * {@code appliedBatch} is lower, so a repeated or concurrent application adds nothing; a batch's totals on one
 * item (a year and its months) are one conditional update.</li>
 * <li>Items of the earlier layout are no longer written and still count: a month's own item ({@code
 * TALLY#scope#id} / {@code YYYY-MM}) and a leaderboard entry on its area level's index ({@code
 * RANK#scope#areaId#id} / period, listed under {@code RANK#scope#period#areaId}); a read adds them to the new
 * items, so the totals stored before the change keep counting without a migration run.</li>
 * <li>The rollup's lease is {@code ROLLUP}/{@code LEASE}; batch plans are {@code ROLLUP}/{@code BATCH#n}, n
 * zero-padded so that the latest is the first of a descending Query.</li>
 * </ul>
 */
public final class DynamoTallyRepository implements TallyRepository, RollupStore {
    private static final String ROLLUP = "ROLLUP";
    private static final String BATCH = "BATCH#";
    private static final String TALLY = "TALLY#";
    /** Attempts at a board's leaders item that other runs keep changing before giving up (the batch is resumed). */
    private static final int LEADERS_ATTEMPTS = 5;

    private static final String LEADERS = "#LEADERS";

    private final DynamoDbClient client;
    private final String table;
    private final int leaders;

    public DynamoTallyRepository(DynamoDbClient client, String table) {
        this(client, table, PageSize.MAX);
    }

    /** @param leaders the entries a board keeps as its leaders per period: the most a leaderboard read asks for */
    public DynamoTallyRepository(DynamoDbClient client, String table, int leaders) {
        this.client = client;
        this.table = table;
        this.leaders = leaders;
    }

    /**
     * Where a total is kept: its item and the suffix of its attributes there (a month's on its year's item).
     * {@code itemPeriod} is the year or {@code all}.
     */
    private record Slot(Map<String, AttributeValue> key, String itemPeriod, String suffix) {
        static Slot of(TallyKey key) {
            boolean month = Periods.isMonth(key.period());
            String itemPeriod = month ? Periods.yearOf(key.period()) : key.period();
            String pk = key.isRanking()
                    ? board(key.scope(), key.areaId(), key.period())
                    : TALLY + key.scope().code() + "#" + key.id();
            return new Slot(Map.of(Keys.PK, s(pk), Keys.SK, s(key.isRanking() ? key.id() : itemPeriod)), itemPeriod,
                    month ? "_" + Periods.monthOf(key.period()) : "");
        }

        /** The earlier layout's item of this total, kept apart; none when the total is on the same item. */
        static Optional<Slot> earlier(TallyKey key) {
            if (key.isRanking()) {
                return Optional.of(new Slot(Map.of(Keys.PK, s("RANK#" + key.scope().code() + "#" + key.areaId() + "#"
                        + key.id()), Keys.SK, s(key.period())), key.period(), ""));
            }
            return Periods.isMonth(key.period())
                    ? Optional.of(new Slot(Map.of(Keys.PK, s(TALLY + key.scope().code() + "#" + key.id()),
                            Keys.SK, s(key.period())), key.period(), ""))
                    : Optional.empty();
        }

        String pk() {
            return key.get(Keys.PK).s();
        }

        String sk() {
            return key.get(Keys.SK).s();
        }

        Optional<Contribution> held(Map<String, AttributeValue> item) {
            return DynamoTallyRepository.held(item, suffix);
        }
    }

    /** The partition of an area's leaderboard entries for the period's year (or all time). */
    private static String board(TallyScope scope, String areaId, String period) {
        return "BOARD#" + scope.code() + "#" + areaId + "#" + (Periods.isMonth(period) ? Periods.yearOf(period) : period);
    }

    /** A total as the item holds it under these attribute names; empty when the item never counted in it. */
    private static Optional<Contribution> held(Map<String, AttributeValue> item, String suffix) {
        if (item == null || !item.containsKey("records" + suffix)) {
            return Optional.empty();
        }
        return Optional.of(new Contribution(HoursItems.halfHours(item, "hours" + suffix), num(item, "records" + suffix),
                HoursItems.halfHours(item, "checkInHours" + suffix)));
    }

    private static String rankingPartition(TallyScope scope, String period, String areaId) {
        return "RANK#" + scope.code() + "#" + period + "#" + areaId;
    }

    /** The earlier layout's index of a ranking level and its key attribute. */
    private static String[] rankingIndex(AreaType level) {
        return switch (level) {
            case COMMUNITY -> new String[] {Keys.BY_COMMUNITY, Keys.COMMUNITY_KEY};
            case STREET -> new String[] {Keys.BY_STREET, Keys.STREET_KEY};
            case DISTRICT -> new String[] {Keys.BY_DISTRICT, Keys.DISTRICT_KEY};
            case CITY, PROVINCE -> throw new IllegalArgumentException("rankings are kept within a district, not per " + level);
        };
    }

    private static Tally tally(TallyKey key, Contribution total) {
        return new Tally(key, total.halfHours(), total.records(), total.checkInHalfHours());
    }

    @Override
    public Tally tally(TallyKey key) {
        Slot slot = Slot.of(key);
        if (Slot.earlier(key).isEmpty()) {
            Map<String, AttributeValue> item = Storage.call("read tally",
                    () -> client.getItem(b -> b.tableName(table).key(slot.key())).item());
            return tally(key, slot.held(item).orElse(Contribution.NONE));
        }
        return tallies(List.of(key)).get(0);
    }

    /** Each key's item and its earlier layout's, all in one BatchGetItem (up to 100 items), each total summed. */
    @Override
    public List<Tally> tallies(List<TallyKey> keys) {
        Map<List<String>, Slot> slots = new LinkedHashMap<>();
        for (TallyKey key : keys) {
            Slot slot = Slot.of(key);
            slots.put(List.of(slot.pk(), slot.sk()), slot);
            Slot.earlier(key).ifPresent(earlier -> slots.put(List.of(earlier.pk(), earlier.sk()), earlier));
        }
        Map<List<String>, Map<String, AttributeValue>> items = new HashMap<>();
        Batch.getEventuallyConsistent(client, table, slots.values().stream().map(Slot::key).toList(), "read tallies")
                .forEach(item -> items.put(List.of(str(item, Keys.PK), str(item, Keys.SK)), item));
        return keys.stream().map(key -> {
            Slot slot = Slot.of(key);
            Contribution total = slot.held(items.get(List.of(slot.pk(), slot.sk()))).orElse(Contribution.NONE);
            Contribution earlier = Slot.earlier(key).flatMap(e -> e.held(items.get(List.of(e.pk(), e.sk()))))
                    .orElse(Contribution.NONE);
            return tally(key, total.plus(earlier));
        }).toList();
    }

    /** One leaderboard: a scope's entries within an area for a period (a month, a year or all time). */
    private record Board(TallyScope scope, AreaType level, String areaId, String period) {
        Board {
            rankingIndex(level); // refuses a level rankings are not kept at
        }

        static Board of(TallyKey key) {
            return new Board(key.scope(), key.areaLevel(), key.areaId(), key.period());
        }

        String partition() {
            return board(scope, areaId, period);
        }

        /** The attributes' suffix of the period on a year's entry. */
        String suffix() {
            return Periods.isMonth(period) ? "_" + Periods.monthOf(period) : "";
        }

        /** The item naming its leaders, in the entries' partition: {@code #LEADERS} (a month's: {@code #LEADERS_MM}). */
        Map<String, AttributeValue> leadersKey() {
            return Map.of(Keys.PK, s(partition()), Keys.SK, s(LEADERS + suffix()));
        }

        Map<String, AttributeValue> entryKey(String id) {
            return Map.of(Keys.PK, s(partition()), Keys.SK, s(id));
        }

        Map<String, AttributeValue> earlierKey(String id) {
            return Slot.earlier(new TallyKey(scope, id, level, areaId, period)).orElseThrow().key();
        }
    }

    /** Highest hours first and, between equal hours, the higher id first, as the earlier index's sort key ordered them. */
    private static final Comparator<Map.Entry<String, Contribution>> RANK =
            Comparator.comparingLong((Map.Entry<String, Contribution> e) -> e.getValue().halfHours())
                    .thenComparing(Map.Entry::getKey).reversed();

    /**
     * The board's leaders, as its leaders item names them (see {@link #keepLeaders}), each entry read by its key:
     * a read of at most {@code leaders} entries (and their items of the earlier layout) whatever the number
     * ranked. A board the rollup has not touched since leaders items exist is read whole (every id ranked in the
     * area that period, from its partition and the earlier layout's index partition), as before.
     */
    @Override
    public List<Tally> leaderboard(TallyScope scope, AreaType level, String areaId, String period, int limit) {
        Board board = new Board(scope, level, areaId, period);
        Map<String, AttributeValue> named = Storage.call("read leaderboard",
                () -> client.getItem(b -> b.tableName(table).key(board.leadersKey())).item());
        Map<String, Contribution> totals = named == null || named.isEmpty() ? everyEntry(board)
                : totals(board, Attr.strList(named, "ids"), false);
        return totals.entrySet().stream().sorted(RANK).limit(limit)
                .map(e -> tally(new TallyKey(scope, e.getKey(), level, areaId, period), e.getValue())).toList();
    }

    /** Every entry of the board: its partition and the earlier layout's index partition, summed per id. */
    private Map<String, Contribution> everyEntry(Board board) {
        Map<String, Contribution> totals = new HashMap<>();
        for (Map<String, AttributeValue> item : partition(null, Keys.PK, board.partition())) {
            held(item, board.suffix()).ifPresent(held -> totals.merge(str(item, "id"), held, Contribution::plus));
        }
        String[] earlier = rankingIndex(board.level());
        for (Map<String, AttributeValue> item : partition(earlier[0], earlier[1],
                rankingPartition(board.scope(), board.period(), board.areaId()))) {
            held(item, "").ifPresent(held -> totals.merge(str(item, "id"), held, Contribution::plus));
        }
        return totals;
    }

    /** These entries' totals, each read by its key (and its item of the earlier layout); ids never ranked are left out. */
    private Map<String, Contribution> totals(Board board, Collection<String> ids, boolean consistent) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ids.forEach(id -> {
            keys.add(board.entryKey(id));
            keys.add(board.earlierKey(id));
        });
        Map<String, Contribution> totals = new HashMap<>();
        List<Map<String, AttributeValue>> items = consistent ? Batch.getConsistent(client, table, keys, "read leaders")
                : Batch.getEventuallyConsistent(client, table, keys, "read leaders");
        for (Map<String, AttributeValue> item : items) {
            String suffix = str(item, Keys.PK).equals(board.partition()) ? board.suffix() : "";
            held(item, suffix).ifPresent(held -> totals.merge(str(item, "id"), held, Contribution::plus));
        }
        return totals;
    }

    /** The ids of the first {@code leaders} entries in rank order. */
    private List<String> leadersOf(Map<String, Contribution> totals) {
        return totals.entrySet().stream().sorted(RANK).limit(leaders).map(Map.Entry::getKey).toList();
    }

    /**
     * Keeps a board's leaders item exact after a batch changed some of its entries, on the rule that every entry
     * it does not name ranks below every entry it names (and, while it names fewer than {@code leaders}, that it
     * names every entry). An entry it names that gains keeps the rule; one that loses hours may fall below one it
     * does not name, so the board is read whole (corrections only). An entry it does not name that gains is read,
     * and only when its total reaches the item's floor (the lowest leader's hours when written, never above the
     * lowest leader's hours now, since leaders only gain here) are the leaders read to choose the first of both.
     * The item is written only when the leaders change, on the version read; it is derived from the entries, so a
     * batch resumed after a crash does it again from what the entries hold.
     */
    private void keepLeaders(Board board, Map<String, Long> changes) {
        for (int attempt = 0; attempt < LEADERS_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> named = client.getItem(b -> b.tableName(table).key(board.leadersKey())
                    .consistentRead(true)).item();
            boolean exists = named != null && !named.isEmpty();
            List<String> now = exists ? Attr.strList(named, "ids") : List.of();
            Map<String, Contribution> chosenFrom;
            if (!exists || changes.entrySet().stream().anyMatch(c -> now.contains(c.getKey()) && c.getValue() < 0)) {
                chosenFrom = everyEntry(board);
            } else {
                List<String> rising = changes.entrySet().stream().filter(c -> !now.contains(c.getKey()) && c.getValue() > 0)
                        .map(Map.Entry::getKey).toList();
                if (rising.isEmpty()) {
                    return;
                }
                chosenFrom = totals(board, rising, true);
                long floor = HoursItems.halfHours(named, "floor");
                if (now.size() >= leaders && chosenFrom.values().stream().allMatch(c -> c.halfHours() < floor)) {
                    return;
                }
                chosenFrom.putAll(totals(board, now, true));
            }
            List<String> next = leadersOf(chosenFrom);
            if (exists && new HashSet<>(next).equals(new HashSet<>(now))) {
                return;
            }
            if (writeLeaders(board, next, next.isEmpty() ? 0 : chosenFrom.get(next.get(next.size() - 1)).halfHours(),
                    exists ? num(named, "version") : 0)) {
                return;
            }
        }
        throw new ConcurrentChangeException("the leaders of " + board + " keep changing");
    }

    private boolean writeLeaders(Board board, List<String> ids, long floor, long version) {
        Map<String, AttributeValue> item = new HashMap<>(board.leadersKey());
        item.put("type", s("board_leaders"));
        item.put("ids", Attr.strings(ids));
        item.put("floor", HoursItems.hours(floor));
        item.put("version", n(version + 1));
        try {
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(version == 0 ? "attribute_not_exists(pk)" : "version = :v")
                    .expressionAttributeValues(version == 0 ? null : Map.of(":v", n(version))));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    /**
     * Every item of a partition of the table (read consistently: the leaders are chosen from it right after a
     * batch's updates) or of an index, page after page.
     */
    private List<Map<String, AttributeValue>> partition(String index, String partitionAttr, String partition) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read leaderboard", () -> client.query(b -> b.tableName(table)
                    .indexName(index).keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", partitionAttr))
                    .expressionAttributeValues(Map.of(":p", s(partition))).consistentRead(index == null)
                    .exclusiveStartKey(from)));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
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
        return queued(response.items().stream().map(item -> str(item, "id")).distinct().toList());
    }

    /**
     * Re-read on the base items, each record with its tally item: the index may lag, and only the items say
     * whether it still waits. A record queued on its own item, as before tally items, moves onto its tally item;
     * a queue entry whose change the record does not hold is closed, so that what is planned is the record as it
     * stays (see {@link RecordTallyItems}).
     */
    @Override
    public List<QueuedRecord> queued(Collection<String> ids) {
        return Storage.call("read queued records", () -> {
            Map<String, Map<String, AttributeValue>> records = new HashMap<>();
            Map<String, Map<String, AttributeValue>> tallies = new HashMap<>();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            ids.forEach(id -> {
                keys.add(HoursItems.key(id));
                keys.add(RecordTallyItems.key(id));
            });
            for (Map<String, AttributeValue> item : Batch.current(client, table, keys, "read queued records")) {
                (RecordTallyItems.TYPE.equals(str(item, "type")) ? tallies : records).put(str(item, "id"), item);
            }
            List<QueuedRecord> queued = new ArrayList<>();
            for (String id : ids) {
                Map<String, AttributeValue> record = records.get(id);
                Map<String, AttributeValue> tally = tallies.get(id);
                if (record == null) {
                    continue;
                }
                if (record.containsKey(Keys.QUEUE_KEY)) {
                    tally = RecordTallyItems.takeOverQueue(client, table, record);
                }
                if (!RecordTallyItems.waiting(tally)) {
                    continue;
                }
                if (RecordTallyItems.ahead(tally, record)) {
                    record = RecordTallyItems.close(client, table, record);
                }
                queued.add(HoursItems.queued(record, tally));
            }
            return queued;
        });
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
        m.put("version", n(record.version()));
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
                        RecordStatus.fromCode(str(m, "status")).orElseThrow(), num(m, "version"),
                        new Contribution(HoursItems.halfHours(m, "fromHours"), num(m, "fromRecords"),
                                HoursItems.halfHours(m, "fromCheckInHours")),
                        new Contribution(HoursItems.halfHours(m, "toHours"), num(m, "toRecords"),
                                HoursItems.halfHours(m, "toCheckInHours")))).toList();
        return new RollupPlan(num(item, "number"), records);
    }

    /** One item's share of a batch: the totals it keeps (a year and its months) and what each gains. */
    private record ItemUpdate(Slot slot, TallyKey key, Map<String, Contribution> bySuffix) {
    }

    @Override
    public void applyTallies(long batch, Map<TallyKey, Contribution> deltas) {
        Map<Map<String, AttributeValue>, ItemUpdate> items = new LinkedHashMap<>();
        deltas.forEach((key, delta) -> {
            Slot slot = Slot.of(key);
            items.computeIfAbsent(slot.key(), k -> new ItemUpdate(slot, key, new TreeMap<>()))
                    .bySuffix().merge(slot.suffix(), delta, Contribution::plus);
        });
        items.values().forEach(update -> apply(batch, update));
        Map<Board, Map<String, Long>> boards = new LinkedHashMap<>();
        deltas.forEach((key, delta) -> {
            if (key.isRanking()) {
                boards.computeIfAbsent(Board.of(key), b -> new LinkedHashMap<>()).put(key.id(), delta.halfHours());
            }
        });
        Storage.call("keep leaders", () -> {
            boards.forEach(this::keepLeaders);
            return null;
        });
    }

    private void apply(long batch, ItemUpdate update) {
        TallyKey key = update.key();
        Map<String, String> names = new HashMap<>(Map.of("#b", "appliedBatch", "#sc", "scope", "#id", "id",
                "#pe", "period", "#ty", "type"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", n(batch), ":scope", s(key.scope().code()),
                ":id", s(key.id()), ":period", s(update.slot().itemPeriod()), ":type", s("tally")));
        List<String> adds = new ArrayList<>();
        update.bySuffix().forEach((suffix, delta) -> {
            String at = suffix.isEmpty() ? "" : suffix.substring(1);
            names.put("#h" + at, "hours" + suffix);
            names.put("#r" + at, "records" + suffix);
            names.put("#c" + at, "checkInHours" + suffix);
            values.put(":h" + at, HoursItems.hours(delta.halfHours()));
            values.put(":r" + at, n(delta.records()));
            values.put(":c" + at, HoursItems.hours(delta.checkInHalfHours()));
            adds.add("#h" + at + " :h" + at + ", #r" + at + " :r" + at + ", #c" + at + " :c" + at);
        });
        StringBuilder set = new StringBuilder("SET #b = :n, #sc = :scope, #id = :id, #pe = :period, #ty = :type");
        if (key.isRanking()) {
            names.put("#ar", "areaId");
            values.put(":area", s(key.areaId()));
            set.append(", #ar = :area");
        }
        Storage.call("apply tally", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(update.slot().key())
                        .updateExpression("ADD " + String.join(", ", adds) + " " + set)
                        .conditionExpression("attribute_not_exists(#b) OR #b < :n")
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException appliedBefore) {
                // this batch (or a later one) is in this item already
            }
            return null;
        });
    }

    /**
     * Marks the record's tally item: on no index but the queue's, so the mark moves none of the record's list
     * entries. It leaves the queue only if no change was queued after the version planned.
     */
    @Override
    public void markApplied(long batch, RollupPlan.Planned record) {
        Map<String, String> names = Map.of("#b", RecordTallyItems.APPLIED_BATCH, "#id", "id", "#t", "type");
        Map<String, AttributeValue> values = Map.of(":h", HoursItems.hours(record.to().halfHours()),
                ":c", n(record.to().records()), ":ci", HoursItems.hours(record.to().checkInHalfHours()), ":n", n(batch),
                ":id", s(record.id()), ":type", s(RecordTallyItems.TYPE));
        String notMarked = "(attribute_not_exists(#b) OR #b < :n)";
        String set = "SET appliedHours = :h, appliedRecords = :c, appliedCheckInHours = :ci, #b = :n, #id = :id, "
                + "#t = :type";
        Map<String, String> leavingNames = new HashMap<>(names);
        leavingNames.putAll(Map.of("#q", Keys.QUEUE_KEY, "#qv", RecordTallyItems.QUEUED_VERSION));
        Map<String, AttributeValue> leavingValues = new HashMap<>(values);
        leavingValues.put(":v", n(record.version()));
        Storage.call("mark record tallied", () -> {
            try {
                client.updateItem(b -> b.tableName(table).key(RecordTallyItems.key(record.id()))
                        .updateExpression(set + " REMOVE #q")
                        .conditionExpression(notMarked + " AND (attribute_not_exists(#qv) OR #qv <= :v)")
                        .expressionAttributeNames(leavingNames).expressionAttributeValues(leavingValues));
            } catch (ConditionalCheckFailedException changedOrMarked) {
                try {
                    // changed since the plan: it stays queued for the next batch to move it on
                    client.updateItem(b -> b.tableName(table).key(RecordTallyItems.key(record.id()))
                            .updateExpression(set).conditionExpression(notMarked)
                            .expressionAttributeNames(names).expressionAttributeValues(values));
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
