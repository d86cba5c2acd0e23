package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import diandan.domain.hours.Dispute;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.RecordQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Hours records and volunteers' day ledgers in the single table. A day ledger ({@code HDAY#volunteer#date})
 * holds each chain of records' reserved half hours and their total, changed only by a versioned conditional
 * put: two recordings for one volunteer's day cannot both pass the daily limit.
 */
public final class DynamoHoursRepository implements HoursRepository {
    /** Attempts at a contended day ledger before giving up with a conflict (the client retries). */
    private static final int LEDGER_ATTEMPTS = 8;
    /**
     * Attempts at changing a record that keeps changing under the change (disputes, the rollup closing a queue
     * entry) before giving up with a conflict.
     */
    private static final int CHANGE_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;

    public DynamoHoursRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<HoursRecord> find(String id) {
        return Storage.call("read hours record", () -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(HoursItems.key(id))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.<HoursRecord>empty() : Optional.of(HoursItems.fromItem(item));
        });
    }

    @Override
    public Map<String, HoursRecord> findAll(Collection<String> ids) {
        List<Map<String, AttributeValue>> keys = ids.stream().distinct().map(HoursItems::key).toList();
        return Batch.getConsistent(client, table, keys, "read hours records").stream().map(HoursItems::fromItem)
                .collect(Collectors.toMap(HoursRecord::id, Function.identity()));
    }

    @Override
    public boolean create(HoursRecord record) {
        return Storage.call("create hours record", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(HoursItems.toItem(record))
                        .conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    private static Map<String, AttributeValue> ledgerKey(String volunteerId, LocalDate date) {
        return Map.of(Keys.PK, s("HDAY#" + volunteerId + "#" + date), Keys.SK, s("HDAY"));
    }

    private Map<String, AttributeValue> ledgerItem(String volunteerId, LocalDate date) {
        Map<String, AttributeValue> item = Storage.call("read day ledger", () -> client.getItem(b -> b.tableName(table)
                .key(ledgerKey(volunteerId, date)).consistentRead(true)).item());
        return item == null ? Map.of() : item;
    }

    private static DayLedger ledger(Map<String, AttributeValue> item) {
        AttributeValue chains = item.get("chains");
        Map<String, Integer> byChain = chains == null || !chains.hasM() ? Map.of() : chains.m().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Integer.parseInt(e.getValue().n())));
        return new DayLedger((int) num(item, "total"), byChain, num(item, "version"));
    }

    @Override
    public DayLedger day(String volunteerId, LocalDate date) {
        return ledger(ledgerItem(volunteerId, date));
    }

    @Override
    public Map<VolunteerDay, DayLedger> days(Collection<VolunteerDay> days) {
        Map<VolunteerDay, DayLedger> ledgers = new HashMap<>();
        Map<String, VolunteerDay> byPk = new HashMap<>();
        for (VolunteerDay day : days) {
            ledgers.put(day, ledger(Map.of()));
            byPk.put(ledgerKey(day.volunteerId(), day.date()).get(Keys.PK).s(), day);
        }
        List<Map<String, AttributeValue>> keys = byPk.values().stream()
                .map(day -> ledgerKey(day.volunteerId(), day.date())).toList();
        for (Map<String, AttributeValue> item : Batch.getConsistent(client, table, keys, "read day ledgers")) {
            ledgers.put(byPk.get(item.get(Keys.PK).s()), ledger(item));
        }
        return ledgers;
    }

    @Override
    public boolean reserve(String volunteerId, LocalDate date, String chain, int halfHours, int limit,
                           DayLedger readAhead) {
        for (int attempt = 0; attempt < LEDGER_ATTEMPTS; attempt++) {
            DayLedger ledger = attempt == 0 && readAhead != null ? readAhead : day(volunteerId, date);
            int more = halfHours - ledger.of(chain);
            if (more <= 0) {
                return true;
            }
            if (ledger.reservedHalfHours() + more > limit) {
                return false;
            }
            Map<String, AttributeValue> chains = new HashMap<>();
            ledger.byChain().forEach((id, held) -> chains.put(id, n(held)));
            chains.put(chain, n(halfHours));
            Map<String, AttributeValue> next = new HashMap<>(ledgerKey(volunteerId, date));
            next.put("type", s("day_ledger"));
            next.put("total", n(ledger.reservedHalfHours() + more));
            next.put("chains", AttributeValue.fromM(chains));
            long version = ledger.version();
            next.put("version", n(version + 1));
            boolean written = Storage.call("reserve day hours", () -> {
                try {
                    if (version == 0) {
                        client.putItem(b -> b.tableName(table).item(next).conditionExpression("attribute_not_exists(pk)"));
                    } else {
                        client.putItem(b -> b.tableName(table).item(next).conditionExpression("#v = :v")
                                .expressionAttributeNames(Map.of("#v", "version"))
                                .expressionAttributeValues(Map.of(":v", n(version))));
                    }
                    return true;
                } catch (ConditionalCheckFailedException changedMeanwhile) {
                    return false;
                }
            });
            if (written) {
                return true;
            }
        }
        throw new ConcurrentChangeException("day ledger of " + volunteerId + " on " + date + " is busy");
    }

    /**
     * Queues the record's tally item for the version this makes, then certifies on the version read; when the
     * record changed meanwhile (a dispute, or the rollup closing a queue entry) and is still pending, reads it and
     * tries again.
     */
    @Override
    public HoursRecord certify(HoursRecord record, String by, Instant at) {
        return Storage.call("certify hours record", () -> {
            HoursRecord read = record;
            for (int attempt = 0; attempt < CHANGE_ATTEMPTS && read != null && read.status() == RecordStatus.PENDING;
                 attempt++) {
                long version = read.version();
                RecordTallyItems.owe(client, table, read.id(), HoursItems.listSort(read), version + 1);
                try {
                    UpdateItemResponse response = client.updateItem(b -> b.tableName(table)
                            .key(HoursItems.key(record.id()))
                            .updateExpression("SET #s = :certified, certifiedBy = :by, certifiedAt = :at, #v = #v + :one")
                            .conditionExpression("#s = :pending AND #v = :read")
                            .expressionAttributeNames(Map.of("#s", "status", "#v", "version"))
                            .expressionAttributeValues(Map.of(":certified", s(RecordStatus.CERTIFIED.code()),
                                    ":pending", s(RecordStatus.PENDING.code()), ":by", s(by), ":at", Attr.t(at),
                                    ":one", n(1), ":read", n(version)))
                            .returnValues(ReturnValue.ALL_NEW));
                    return HoursItems.fromItem(response.attributes());
                } catch (ConditionalCheckFailedException changed) {
                    read = current(record.id());
                }
            }
            throw new ConcurrentChangeException("record " + record.id() + " is no longer pending");
        });
    }

    /** Like {@link #certify}: queued for the version this makes, then written on the version read. */
    @Override
    public boolean supersede(String id, String byId, Instant at) {
        return Storage.call("supersede hours record", () -> {
            for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
                HoursRecord read = current(id);
                if (read == null || read.status() == RecordStatus.SUPERSEDED) {
                    return false;
                }
                RecordTallyItems.owe(client, table, id, HoursItems.listSort(read), read.version() + 1);
                try {
                    client.updateItem(b -> b.tableName(table).key(HoursItems.key(id))
                            .updateExpression("SET #s = :superseded, supersededBy = :by, supersededAt = :at, "
                                    + "#v = #v + :one")
                            .conditionExpression("#v = :read")
                            .expressionAttributeNames(Map.of("#s", "status", "#v", "version"))
                            .expressionAttributeValues(Map.of(":superseded", s(RecordStatus.SUPERSEDED.code()),
                                    ":by", s(byId), ":at", Attr.t(at), ":one", n(1), ":read", n(read.version()))));
                    return true;
                } catch (ConditionalCheckFailedException changed) {
                    // read it again
                }
            }
            throw new ConcurrentChangeException("record " + id + " keeps changing");
        });
    }

    private HoursRecord current(String id) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(HoursItems.key(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : HoursItems.fromItem(item);
    }

    /**
     * Appends on the version read, so that the SDK sending the update again after its answer was lost finds it
     * applied rather than appending it twice.
     */
    @Override
    public HoursRecord dispute(HoursRecord record, Dispute dispute, int maxDisputes) {
        return Storage.call("dispute hours record", () -> {
            try {
                UpdateItemResponse response = client.updateItem(b -> b.tableName(table).key(HoursItems.key(record.id()))
                        .updateExpression("SET disputes = list_append(if_not_exists(disputes, :none), :entry), "
                                + "#v = #v + :one")
                        .conditionExpression("#v = :read AND (attribute_not_exists(disputes) OR size(disputes) < :max)")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()),
                                ":entry", AttributeValue.fromL(List.of(HoursItems.dispute(dispute))),
                                ":max", n(maxDisputes), ":one", n(1), ":read", n(record.version())))
                        .returnValues(ReturnValue.ALL_NEW));
                return HoursItems.fromItem(response.attributes());
            } catch (ConditionalCheckFailedException fullOrChanged) {
                Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(HoursItems.key(record.id()))
                        .consistentRead(true)).item();
                HoursRecord stored = item == null || item.isEmpty() ? null : HoursItems.fromItem(item);
                if (stored != null && stored.version() == record.version() + 1 && !stored.disputes().isEmpty()) {
                    Dispute last = stored.disputes().get(stored.disputes().size() - 1);
                    if (last.reason().equals(dispute.reason()) && last.by().equals(dispute.by())) {
                        return stored; // our update, sent again after its answer was lost
                    }
                }
                throw new ConcurrentChangeException("record " + record.id() + " is full of disputes or changed since "
                        + "version " + record.version());
            }
        });
    }

    @Override
    public Page<HoursRecord> list(RecordQuery query) {
        IndexQuery index = switch (query.scope()) {
            case VOLUNTEER -> new IndexQuery(Keys.BY_OWNER, Keys.OWNER_KEY, HoursItems.VOLUNTEER_PREFIX + query.scopeId());
            case TEAM -> new IndexQuery(Keys.BY_TEAM, Keys.TEAM_KEY, HoursItems.PARTITION_PREFIX + query.scopeId());
            case COMMUNITY -> new IndexQuery(Keys.BY_COMMUNITY, Keys.COMMUNITY_KEY, HoursItems.PARTITION_PREFIX + query.scopeId());
            case STREET -> new IndexQuery(Keys.BY_STREET, Keys.STREET_KEY, HoursItems.PARTITION_PREFIX + query.scopeId());
            case DISTRICT -> new IndexQuery(Keys.BY_DISTRICT, Keys.DISTRICT_KEY, HoursItems.PARTITION_PREFIX + query.scopeId());
        };
        // listSort = date#id: "~" sorts after every id character, so "<to>~" includes the whole last day
        index.sortBetween(query.from() == null ? null : query.from().toString(),
                query.to() == null ? null : query.to() + "~");
        index.whereEquals("status", query.status() == null ? null : query.status().code());
        if (query.disputedOnly()) {
            index.whereExists("disputes");
        }
        index.whereAnyEquals(List.of("communityId", "streetId", "districtId"), query.withinArea());
        return index.page(client, table, query.limit(), query.cursor(), "list hours records", HoursItems::fromItem);
    }
}
