package diandan.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The probe does what each fault says, as the store is left afterwards shows: a counter item that each write adds
 * one to tells whether a write was applied, and how often. The faults that stop the engine or wait out the SDK's
 * retries (STOPPED, SLOWED, LANDED_THEN_STOPPED, THROTTLED) are used, on a client with immediate retries, by the
 * system tests of storage faults.
 */
@ExtendWith(DynaliteExtension.class)
class StoreProbeTest {
    @Test
    void countsCallsItemsAndQueriesByPartitionWithoutChangingAnything(LocalTable table) {
        StoreProbe probe = StoreProbe.on(table).build();
        DynamoDbClient client = probe.client();
        String counter = newCounter();
        add(client, table, counter);
        add(client, table, counter);
        client.getItem(b -> b.tableName(table.name()).key(key(counter)));
        client.getItem(b -> b.tableName(table.name()).key(key("absent")));
        client.query(b -> b.tableName(table.name()).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(counter))));

        StoreProbe.Reading reading = probe.reading();
        assertEquals(Map.of("GetItem", 2, "Query", 1, "UpdateItem", 2), reading.calls());
        assertEquals(Map.of("GetItem", 1L, "Query", 1L), reading.itemsReturned());
        assertEquals(2, reading.itemWrites());
        assertEquals(1, reading.partitionQueries(counter));
        assertEquals(0, reading.readUnits(), "capacity is for metered probes");
        assertEquals(2, count(table, counter));
        probe.reset();
        assertEquals(StoreProbe.Reading.NOTHING, probe.reading());
    }

    @Test
    void eachFaultLeavesTheWriteAppliedAsItSays(LocalTable table) {
        StoreProbe probe = StoreProbe.on(table).build();
        DynamoDbClient client = probe.client();
        assertFault(probe, client, table, StoreProbe.Fault.REFUSED, SdkClientException.class, 0);
        assertFault(probe, client, table, StoreProbe.Fault.UNANSWERED, SdkClientException.class, 1);
        assertFault(probe, client, table, StoreProbe.Fault.DELIVERED_TWICE, null, 2);
        assertFault(probe, client, table, StoreProbe.Fault.CRASH_BEFORE, StoreProbe.Crash.class, 0);
        assertFault(probe, client, table, StoreProbe.Fault.CRASH_AFTER, StoreProbe.Crash.class, 1);
        // the SDK sends the write again when its answer is lost: a write that is not idempotent counts twice
        assertFault(probe, client, table, StoreProbe.Fault.ANSWER_LOST, null, 2);
    }

    @Test
    void aDeadProcessCanNeitherReadNorWriteUntilArmedAgain(LocalTable table) {
        StoreProbe probe = StoreProbe.on(table).build();
        DynamoDbClient client = probe.client();
        String counter = newCounter();
        probe.failAt(StoreProbe.Fault.CRASH_BEFORE, 2);
        add(client, table, counter);
        assertThrows(StoreProbe.Crash.class, () -> add(client, table, counter));
        assertTrue(probe.struck());
        assertThrows(StoreProbe.Crash.class, () -> client.getItem(b -> b.tableName(table.name()).key(key(counter))));
        probe.disarm();
        add(client, table, counter);
        assertEquals(2, count(table, counter));
        assertFalse(probe.struck());
    }

    @Test
    void faultsByChanceFollowTheSeed(LocalTable table) {
        Map<StoreProbe.Fault, Integer> first = null;
        for (int run = 0; run < 2; run++) {
            StoreProbe probe = StoreProbe.on(table).seed(7).build();
            DynamoDbClient client = probe.client();
            probe.randomly(Map.of(StoreProbe.Fault.REFUSED, 0.3, StoreProbe.Fault.UNANSWERED, 0.3));
            String counter = newCounter();
            for (int i = 0; i < 20; i++) {
                try {
                    add(client, table, counter);
                } catch (SdkClientException injected) {
                    // counted below
                }
            }
            assertTrue(probe.injected().getOrDefault(StoreProbe.Fault.REFUSED, 0) > 0, "refused: " + probe.injected());
            assertEquals(20 - probe.injected().get(StoreProbe.Fault.REFUSED), count(table, counter));
            if (first != null) {
                assertEquals(first, probe.injected(), "the same seed, the same faults");
            }
            first = probe.injected();
        }
    }

    private static void assertFault(StoreProbe probe, DynamoDbClient client, LocalTable table, StoreProbe.Fault fault,
                                    Class<? extends Throwable> heard, int applied) {
        String counter = newCounter();
        probe.failAt(fault, 1);
        if (heard == null) {
            add(client, table, counter);
        } else {
            assertThrows(heard, () -> add(client, table, counter), fault.toString());
        }
        assertTrue(probe.struck(), fault.toString());
        assertEquals(applied, count(table, counter), fault + ": times applied");
        probe.disarm();
    }

    private static String newCounter() {
        return "counter-" + UUID.randomUUID();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("n"));
    }

    private static void add(DynamoDbClient client, LocalTable table, String counter) {
        client.updateItem(b -> b.tableName(table.name()).key(key(counter)).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    private static int count(LocalTable table, String counter) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).key(key(counter))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : Integer.parseInt(item.get("n").n());
    }
}
