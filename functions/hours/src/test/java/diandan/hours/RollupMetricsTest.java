package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.log.Log;
import diandan.app.hours.HoursRollup;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.EmbeddedMetrics;
import diandan.devkit.LocalTable;

/** The rollup's log line says, as an EMF metric, whether it left certified records for its next run: its backlog. */
@ExtendWith(DynaliteExtension.class)
class RollupMetricsTest {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreLog() {
        Log.sink(System.out::println);
    }

    Map<String, Double> rollupMetrics() {
        String line = lines.stream().filter(l -> l.contains("\"message\":\"rollup\"")).reduce((a, b) -> b).orElseThrow();
        return EmbeddedMetrics.recorded(line).stream().peek(r -> assertEquals(Map.of("function", "HoursFunction"),
                r.dimensions())).collect(Collectors.toMap(EmbeddedMetrics.Recorded::name, EmbeddedMetrics.Recorded::value));
    }

    @Test
    void aRunThatFoundTheQueueEmptyHasNoBacklogOneStoppedByItsBudgetHasOne(LocalTable table) {
        HoursWorld caughtUp = new HoursWorld(table);
        Log.sink(lines::add);
        assertEquals(HoursRollup.Report.didRun(0, 0, 0), caughtUp.rollup());
        assertEquals(0.0, rollupMetrics().get("rollupBacklog"));

        HoursRollup.Settings noTime = new HoursRollup.Settings(Duration.ofSeconds(90), Duration.ofSeconds(-1), 100, 1200);
        HoursRollup.Report stopped = new HoursWorld(table, noTime).rollup();
        assertTrue(stopped.leftForNextRun(), stopped.toString());
        assertEquals(1.0, rollupMetrics().get("rollupBacklog"));
        assertEquals(0.0, rollupMetrics().get("records"));
    }
}
