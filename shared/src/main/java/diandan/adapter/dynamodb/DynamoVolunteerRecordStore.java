package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.records.RecordKind;
import diandan.domain.records.VolunteerRecord;
import diandan.port.records.VolunteerRecordStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A volunteer's trainings and awards in one partition ({@code VOLREC#volunteerId}), sorted by kind, day and id
 * ({@code training#2026-11-28#id}), so one query reads a kind newest first.
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
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(partition(record.volunteerId())));
        item.put(Keys.SK, s(record.kind().code() + "#" + record.date() + "#" + record.id()));
        item.put("id", s(record.id()));
        item.put("title", s(record.title()));
        item.put("organiser", s(record.organiser()));
        Attr.putIf(item, "note", record.note());
        item.put("recordedBy", s(record.recordedBy()));
        item.put("recordedAt", Attr.t(record.recordedAt()));
        return Storage.call("create volunteer record", () -> {
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
}
