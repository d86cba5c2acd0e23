package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import diandan.adapter.events.EventDetail;
import diandan.adapter.json.Json;
import diandan.domain.notify.DomainEvent;
import diandan.port.notify.OutboxNotes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notes as small items of one partition ({@code pk = OUTBOX}, {@code sk = <note key>}, time-ordered), apart
 * from the request (whose item the indexes copy) and read with a consistent Query of the base table. A note lives
 * for the milliseconds between a write and its publication: the partition holds few items.
 */
public final class DynamoOutboxNotes implements OutboxNotes {
    private static final String PARTITION = "OUTBOX";

    private final DynamoDbClient client;
    private final String table;

    public DynamoOutboxNotes(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public void put(Note note) {
        ArrayNode events = Json.array();
        note.events().forEach(event -> events.add(EventDetail.of(event)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(PARTITION));
        item.put(Keys.SK, s(note.key()));
        // named for requests, which it held first: notes left by an earlier release are read alike
        item.put("requestId", s(note.subjectId()));
        item.put("firstIndex", Attr.n(note.firstIndex()));
        item.put("entryAt", Attr.t(note.firstEntry().at()));
        item.put("entryType", s(note.firstEntry().type()));
        item.put("entryActor", s(note.firstEntry().actor()));
        item.put("events", s(Json.write(events)));
        item.put("at", Attr.t(note.at()));
        Storage.call("note outbox events", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public void remove(String key) {
        Storage.call("clear outbox note", () -> client.deleteItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(PARTITION), Keys.SK, s(key)))));
    }

    @Override
    public List<Note> waiting(int limit) {
        return Storage.call("read outbox notes", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", Keys.PK))
                .expressionAttributeValues(Map.of(":p", s(PARTITION))).consistentRead(true).limit(limit)))
                .items().stream().map(DynamoOutboxNotes::note).toList();
    }

    private static Note note(Map<String, AttributeValue> item) {
        List<DomainEvent> events = new ArrayList<>();
        JsonNode stored;
        try {
            stored = Json.read(Attr.str(item, "events"));
        } catch (JacksonException written) {
            // only this class writes the attribute, from JSON it made
            throw new IllegalStateException("outbox note " + Attr.str(item, Keys.SK) + " is not JSON", written);
        }
        stored.forEach(event -> events.add(EventDetail.parse(event)));
        return new Note(Attr.str(item, Keys.SK), Attr.str(item, "requestId"), (int) Attr.num(item, "firstIndex"),
                new FirstEntry(Attr.instant(item, "entryAt"), Attr.str(item, "entryType"), Attr.str(item, "entryActor")),
                events, Attr.instant(item, "at"));
    }
}
