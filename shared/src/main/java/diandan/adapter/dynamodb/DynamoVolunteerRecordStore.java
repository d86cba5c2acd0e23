package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.records.RecordKind;
import diandan.domain.records.VolunteerRecord;
import diandan.port.records.VolunteerRecordStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A volunteer's trainings and awards in one partition ({@code VOLREC#volunteerId}), sorted by kind, day and id
 * ({@code training#2026-11-28#id}), so one query reads a kind newest first. A record made under an
 * Idempotency-Key is claimed first on an item of its own ({@code RECKEY#id}), which holds the whole record and the
 * fingerprint of the body that made it.
 */
public final class DynamoVolunteerRecordStore implements VolunteerRecordStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoVolunteerRecordStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean create(VolunteerRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(fields(record));
        item.put(Keys.PK, s(partition(record.volunteerId())));
        item.put(Keys.SK, s(record.kind().code() + "#" + record.date() + "#" + record.id()));
        return putIfAbsent("create volunteer record", item);
    }

    @Override
    public Optional<Keyed> claim(Keyed keyed) {
        VolunteerRecord record = keyed.record();
        Map<String, AttributeValue> item = new HashMap<>(fields(record));
        item.putAll(claimKey(record.id()));
        item.put("volunteerId", s(record.volunteerId()));
        item.put("kind", s(record.kind().code()));
        item.put("date", s(record.date().toString()));
        item.put("fingerprint", s(keyed.fingerprint()));
        if (putIfAbsent("claim volunteer record", item)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> earlier = Storage.call("read volunteer record claim", () -> client.getItem(b -> b
                .tableName(table).key(claimKey(record.id())).consistentRead(true)).item());
        return Optional.of(new Keyed(new VolunteerRecord(record.id(), str(earlier, "volunteerId"),
                Arrays.stream(RecordKind.values()).filter(k -> k.code().equals(str(earlier, "kind"))).findFirst()
                        .orElseThrow(), str(earlier, "title"), str(earlier, "organiser"),
                LocalDate.parse(str(earlier, "date")), str(earlier, "note"), str(earlier, "recordedBy"),
                Instant.parse(str(earlier, "recordedAt"))), str(earlier, "fingerprint")));
    }

    /** What a record item and a claim both hold. */
    private static Map<String, AttributeValue> fields(VolunteerRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(record.id()));
        item.put("title", s(record.title()));
        item.put("organiser", s(record.organiser()));
        Attr.putIf(item, "note", record.note());
        item.put("recordedBy", s(record.recordedBy()));
        item.put("recordedAt", Attr.t(record.recordedAt()));
        return item;
    }

    private boolean putIfAbsent(String what, Map<String, AttributeValue> item) {
        return Storage.call(what, () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public List<VolunteerRecord> list(String volunteerId, RecordKind kind, int limit) {
        return Storage.call("read volunteer records", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :kind)")
                .expressionAttributeValues(Map.of(":pk", s(partition(volunteerId)), ":kind", s(kind.code() + "#")))
                .scanIndexForward(false).limit(limit).consistentRead(true))).items().stream()
                .map(item -> new VolunteerRecord(str(item, "id"), volunteerId, kind, str(item, "title"),
                        str(item, "organiser"), LocalDate.parse(str(item, Keys.SK).split("#")[1]), str(item, "note"),
                        str(item, "recordedBy"), Instant.parse(str(item, "recordedAt"))))
                .toList();
    }

    private static String partition(String volunteerId) {
        return "VOLREC#" + volunteerId;
    }

    /** The claim of a record's id, apart from the volunteer's file: {@code RECKEY#id}. */
    private static Map<String, AttributeValue> claimKey(String recordId) {
        return Map.of(Keys.PK, s("RECKEY#" + recordId), Keys.SK, s("RECKEY"));
    }
}
