package diandan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pieces run together: their calls to the store count as one round trip ({@link StoreProbe.Reading#sequentialCalls},
 * which follows what waits for what, not the clock), each piece's result comes back in its place, and a failure
 * is thrown only once every piece has ended.
 */
@ExtendWith(DynaliteExtension.class)
class TogetherTest {
    private static int sequentialCalls(LocalTable table, java.util.function.Consumer<DynamoDbClient> work) {
        StoreProbe probe = StoreProbe.on(table).build();
        DynamoDbClient client = probe.client();
        work.accept(client);
        return probe.reading().sequentialCalls();
    }

    private static void read(DynamoDbClient client, LocalTable table, String key) {
        client.getItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS(key),
                "sk", AttributeValue.fromS(key))));
    }

    @Test
    void callsMadeTogetherCountOnceAndCallsAfterThemCountAgain(LocalTable table) {
        assertEquals(2, sequentialCalls(table, client -> {
            read(client, table, "a");
            read(client, table, "b");
        }), "one after the other");
        assertEquals(1, sequentialCalls(table, client -> Together.run(List.of(() -> read(client, table, "a"),
                () -> read(client, table, "b"), () -> read(client, table, "c")))), "together");
        assertEquals(3, sequentialCalls(table, client -> {
            Together.run(List.of(() -> {
                read(client, table, "a");
                read(client, table, "b");
            }, () -> read(client, table, "c")));
            read(client, table, "d");
        }), "the longer piece, then the call after both");
        assertEquals(2, sequentialCalls(table, client -> {
            read(client, table, "a");
            Together.get(() -> Together.get(() -> 1, () -> {
                read(client, table, "b");
                return 2;
            }), () -> {
                read(client, table, "c");
                return 3;
            });
        }), "nested pieces start after the call before them");
    }

    @Test
    void eachResultComesBackInItsPlace() {
        Together.Three<String, Integer, List<String>> three = Together.get(() -> "a", () -> 2, () -> List.of("c"));
        assertEquals(new Together.Three<>("a", 2, List.of("c")), three);
        assertEquals(new Together.Both<>(1, "b"), Together.get(() -> 1, () -> "b"));
    }

    @Test
    void aFailureIsThrownOnceEveryPieceHasEndedTheFirstInOrder() {
        IllegalStateException first = new IllegalStateException("first");
        AtomicBoolean slowEnded = new AtomicBoolean();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Together.run(List.of(
                () -> {
                    throw first;
                },
                () -> {
                    for (int i = 0; i < 1_000_000; i++) {
                        Thread.onSpinWait();
                    }
                    slowEnded.set(true);
                },
                () -> {
                    throw new IllegalArgumentException("second");
                })));
        assertSame(first, thrown);
        assertTrue(slowEnded.get(), "the other pieces had ended");
    }
}
