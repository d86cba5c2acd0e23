package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.Keys;
import diandan.adapter.http.Priming;
import diandan.adapter.json.Json;
import diandan.adapter.priming.PrimingItems;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.Ids;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items priming starts from ({@link PrimingItems}) are the demo district's items that the files of
 * {@code events/} act on: each item whose partition is an id a file names, as the use cases stored it on a local
 * stack. The packaged file has the same items with the same attributes (its times are those of the stack it was
 * written from, {@code madeAt}); {@code -Dpriming.items.write=true} writes it anew from a fresh demo.
 */
@ExtendWith(DynaliteExtension.class)
class PrimingItemsTest {
    /** A prefix and 22 characters of {@link Ids}' alphabet. */
    private static final Pattern MADE_ID = Pattern.compile("[a-z]{1,4}[0-9a-hjkmnp-tv-z]{22}");
    private static final Path FILE = RepoRoot.find().resolve("shared/src/main/resources").resolve(PrimingItems.RESOURCE);

    @Test
    void thePackagedItemsAreTheDemosItemsTheEventFilesActOn(LocalTable table) throws Exception {
        DemoData.loadOnce(table.client(), table.name(), List.of(Keys.PK, Keys.SK), RepoRoot.find());
        Instant made = Instant.now();
        ArrayNode demo = itemsTheEventsActOn(table);
        assertFalse(demo.isEmpty(), "the files of events/ name no item of the demo");
        if (Boolean.getBoolean("priming.items.write")) {
            // one item a line: a new demo's changes read as a diff of the items it changed
            StringBuilder file = new StringBuilder("{\"madeAt\":\"" + made + "\",\"items\":[\n");
            for (int i = 0; i < demo.size(); i++) {
                file.append(i > 0 ? ",\n" : "").append(Json.write(demo.get(i)));
            }
            Files.writeString(FILE, file.append("\n]}\n"));
        }
        assertEquals(shapes(demo), shapes(Json.read(Files.readAllBytes(FILE)).path("items")),
                "the packaged items differ from the demo's: run this test with -Dpriming.items.write=true");
    }

    /** The demo's items whose partition key ends in an id that a file of {@code events/} names, in key order. */
    private static ArrayNode itemsTheEventsActOn(LocalTable table) throws IOException {
        Set<String> named = new TreeSet<>();
        for (JsonNode event : Priming.packagedEvents()) {
            ids(event, named);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().forEach(item -> {
            String pk = item.get(Keys.PK).s();
            if (named.contains(pk.substring(pk.lastIndexOf('#') + 1))) {
                items.add(item);
            }
        });
        items.sort(Comparator.comparing((Map<String, AttributeValue> item) -> item.get(Keys.PK).s())
                .thenComparing(item -> item.get(Keys.SK).s()));
        ArrayNode json = Json.array();
        items.forEach(item -> json.add(dynamoDbJson(item)));
        return json;
    }

    /** The ids the store made ({@link Ids#newId}, {@link Ids#derivedId}) among the event's strings, a body's JSON included. */
    private static void ids(JsonNode node, Set<String> ids) throws IOException {
        if (node.isTextual()) {
            String text = node.asText();
            if (MADE_ID.matcher(text).matches()) {
                ids.add(text);
            } else if (text.startsWith("{")) {
                ids(Json.read(text), ids);
            }
        }
        for (JsonNode child : node) {
            ids(child, ids);
        }
    }

    /** An item as DynamoDB's JSON protocol carries it, attributes in name order. */
    private static ObjectNode dynamoDbJson(Map<String, AttributeValue> item) {
        ObjectNode json = Json.object();
        new TreeMap<>(item).forEach((name, value) -> json.set(name, dynamoDbJson(value)));
        return json;
    }

    private static ObjectNode dynamoDbJson(AttributeValue value) {
        ObjectNode json = Json.object();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case SS -> value.ss().forEach(json.putArray("SS")::add);
            case NS -> value.ns().forEach(json.putArray("NS")::add);
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(element -> list.add(dynamoDbJson(element)));
            }
            case M -> json.set("M", dynamoDbJson(value.m()));
            default -> throw new IllegalArgumentException("an attribute of type " + value.type());
        }
        return json;
    }

    /** Each item's key and the names of its attributes: what a new demo changes only when the items' form does. */
    private static List<String> shapes(JsonNode items) {
        List<String> shapes = new ArrayList<>();
        items.forEach(item -> {
            Set<String> names = new TreeSet<>();
            item.fieldNames().forEachRemaining(names::add);
            shapes.add(item.path(Keys.PK).path("S").asText() + " " + item.path(Keys.SK).path("S").asText() + " " + names);
        });
        return shapes;
    }
}
