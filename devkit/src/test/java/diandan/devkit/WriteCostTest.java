package diandan.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@ExtendWith(DynaliteExtension.class)
class WriteCostTest {
    final WriteCost cost = WriteCost.fromTemplate();

    @Test
    void theTableUnitsAreTheEnginesForAsciiItems(LocalTable table) {
        StoreProbe meter = StoreProbe.on(table).metered().build();
        DynamoDbClient client = meter.client();
        for (int size : new int[] {10, 1000, 1010, 1020, 1100, 2100, 5000}) {
            Map<String, AttributeValue> item = item("ascii-" + size);
            item.put("text", AttributeValue.fromS("x".repeat(size)));
            item.put("n", AttributeValue.fromN("-12345.678"));
            client.putItem(b -> b.tableName(table.name()).item(item));
            client.updateItem(b -> b.tableName(table.name()).key(key("ascii-" + size)).updateExpression("SET m = :m")
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromM(Map.of("a", AttributeValue.fromL(
                            java.util.List.of(AttributeValue.fromBool(true), AttributeValue.fromN("7"))))))));
        }
        StoreProbe.Reading reading = meter.reading();
        assertEquals(reading.engineWriteUnits(), reading.tableWriteUnits());
        assertEquals(14, reading.itemWrites());
        assertEquals(Map.of(), reading.indexWriteUnits());
    }

    @Test
    void chineseTextIsBilledInUtf8BytesThreeACharacter(LocalTable table) {
        StoreProbe meter = StoreProbe.on(table).metered().build();
        Map<String, AttributeValue> item = item("chinese");
        item.put("text", AttributeValue.fromS("独".repeat(600))); // 1,800 bytes
        meter.client().putItem(b -> b.tableName(table.name()).item(item));
        assertEquals(1, meter.reading().engineWriteUnits());
        assertEquals(2, meter.reading().tableWriteUnits());
    }

    @Test
    void aRefusedWriteBillsTheTableOnly(LocalTable table) {
        StoreProbe meter = StoreProbe.on(table).metered().build();
        DynamoDbClient client = meter.client();
        Map<String, AttributeValue> item = item("refused");
        item.put("communityKey", AttributeValue.fromS("COM#x"));
        item.put("listSort", AttributeValue.fromS("2026"));
        item.put("text", AttributeValue.fromS("y".repeat(1500)));
        client.putItem(b -> b.tableName(table.name()).item(item));
        assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(b -> b.tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)")));
        StoreProbe.Reading reading = meter.reading();
        assertEquals(1, reading.refusedWrites());
        assertEquals(2 + 2, reading.tableWriteUnits());
        assertEquals(Map.of("ByCommunity", 2.0), reading.indexWriteUnits());
    }

    @Test
    void anIndexIsWrittenWhenItsEntryAppearsChangesOrGoes() {
        Map<String, AttributeValue> submitted = item("r1");
        submitted.put("communityKey", AttributeValue.fromS("COM#xinbei"));
        submitted.put("listSort", AttributeValue.fromS("2026-11-28T09:30:00.000Z#r1"));
        submitted.put("dueKey", AttributeValue.fromS("DUE#2026112809#1"));
        submitted.put("dueSort", AttributeValue.fromS("2026-11-28T09:45:00.000Z#r1"));
        submitted.put("status", AttributeValue.fromS("dispatched"));

        assertEquals(Map.of("ByCommunity", 1.0, "ByDue", 1.0), cost.write(null, submitted).indexes());

        Map<String, AttributeValue> accepted = new HashMap<>(submitted);
        accepted.put("status", AttributeValue.fromS("accepted"));
        accepted.put("teamKey", AttributeValue.fromS("TEAM#t"));
        assertEquals(Map.of("ByCommunity", 1.0, "ByTeam", 1.0), cost.write(submitted, accepted).indexes(),
                "the keys-only due entry did not change");

        Map<String, AttributeValue> later = new HashMap<>(accepted);
        later.put("dueKey", AttributeValue.fromS("DUE#2026112810#1"));
        later.put("dueSort", AttributeValue.fromS("2026-11-28T10:00:00.000Z#r1"));
        assertEquals(2.0, cost.write(accepted, later).indexes().get("ByDue"), "a moved key: delete and put");

        Map<String, AttributeValue> resolved = new HashMap<>(later);
        resolved.remove("dueKey");
        resolved.remove("dueSort");
        assertEquals(1.0, cost.write(later, resolved).indexes().get("ByDue"), "gone from the index: a delete");
        assertEquals(Map.of(), cost.write(resolved, resolved).indexes(), "nothing projected changed");
    }

    @Test
    void itemSizesFollowDynamoDbsRules() {
        assertEquals(1 + 3, ItemSize.of(Map.of("a", AttributeValue.fromS("abc"))));
        assertEquals(1 + 6, ItemSize.of(Map.of("a", AttributeValue.fromS("独老"))));
        assertEquals(1 + 3 + 2 + 1 + 1, ItemSize.of(Map.of("a", AttributeValue.fromL(java.util.List.of(
                AttributeValue.fromNul(true), AttributeValue.fromBool(false))))));
        assertEquals(1 + 3 + 1 + (1 + 1), ItemSize.of(Map.of("a", AttributeValue.fromM(Map.of("b", AttributeValue.fromS("c"))))));
        assertEquals(1, ItemSize.number("0"));
        assertEquals(2, ItemSize.number("7"));
        assertEquals(4, ItemSize.number("12345"));
    }

    private static Map<String, AttributeValue> item(String id) {
        return new HashMap<>(key(id));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS("TEST#" + id), "sk", AttributeValue.fromS("TEST"));
    }
}
