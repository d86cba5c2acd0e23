package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.log.Log;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.devkit.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every function of the template primes for SnapStart as its snapshot would be taken on a live table: its
 * CRaC {@code beforeCheckpoint} runs real code paths that read the table, answers without a fault, and writes
 * nothing (not even a write refused by its condition).
 */
@ExtendWith(DynaliteExtension.class)
class PrimingTest {
    @Test
    void everyFunctionPrimesOnTheTableWithoutWriting(LocalTable table) throws Exception {
        DemoRegistry.loadInto(table);
        List<String> errors = new CopyOnWriteArrayList<>();
        Log.sink(line -> {
            if (line.contains("\"level\":\"ERROR\"")) {
                errors.add(line);
            }
        });
        try {
            for (Template.Function function : Template.load().functions()) {
                StoreProbe meter = StoreProbe.on(table).build();
                Object handler = Class.forName(function.handlerClass())
                        .getConstructor(DynamoDbClient.class, String.class, Clock.class)
                        .newInstance(meter.client(), table.name(), Clock.systemUTC());
                ((Resource) handler).beforeCheckpoint(null);
                StoreProbe.Reading primed = meter.reading();
                assertEquals(0, primed.itemWrites(), function.logicalId() + " wrote while priming: " + primed.calls());
                assertTrue(primed.calls("GetItem") + primed.calls("Query") + primed.calls("BatchGetItem") > 0,
                        function.logicalId() + " did not touch the table: " + primed.calls());
            }
        } finally {
            Log.sink(System.out::println);
        }
        assertEquals(List.of(), errors);
    }
}
