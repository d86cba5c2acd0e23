package diandan.adapter.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.Environment;
import diandan.adapter.json.Json;
import diandan.devkit.EmbeddedMetrics;
import diandan.devkit.EmbeddedMetrics.Recorded;

/** A log line carries its metrics in the Embedded Metric Format, as its specification wants them. */
class MetricsTest {
    static ObjectNode line() {
        ObjectNode line = Log.line("INFO", "handled", "req-1");
        line.put("function", "IntakeFunction");
        line.put("route", "POST /requests");
        line.put("statusClass", "2xx");
        line.put("requests", 1);
        line.put("durationMs", 14);
        line.put("storageFaults", 0);
        return line;
    }

    @Test
    void aLineWithTwoDirectivesIsValidEmfAndRecordsEachMetricPerDimensionSet() {
        ObjectNode line = line();
        Metrics.attach(line, List.of(List.of("route", "statusClass"), List.of("statusClass")),
                ordered("requests", Metrics.Unit.COUNT, "durationMs", Metrics.Unit.MILLISECONDS));
        Metrics.attach(line, List.of(List.of("function")), Map.of("storageFaults", Metrics.Unit.COUNT));

        assertEquals(List.of(), EmbeddedMetrics.violations(Json.write(line)));
        assertEquals(List.of(
                new Recorded("Diandan", "requests", "Count", 1, Map.of("route", "POST /requests", "statusClass", "2xx")),
                new Recorded("Diandan", "durationMs", "Milliseconds", 14, Map.of("route", "POST /requests", "statusClass", "2xx")),
                new Recorded("Diandan", "requests", "Count", 1, Map.of("statusClass", "2xx")),
                new Recorded("Diandan", "durationMs", "Milliseconds", 14, Map.of("statusClass", "2xx")),
                new Recorded("Diandan", "storageFaults", "Count", 0, Map.of("function", "IntakeFunction"))),
                EmbeddedMetrics.recorded(Json.write(line)));
        assertEquals(java.time.Instant.parse(line.get("timestamp").asText()).toEpochMilli(),
                line.get("_aws").get("Timestamp").asLong(), "the metric's time is the line's");
    }

    @Test
    void theNamespaceIsTheStacks() {
        ObjectNode line = Environment.with(Map.of(Metrics.NAMESPACE_VARIABLE, "Diandan/weicheng-prod"), () ->
                Metrics.attach(line(), List.of(List.of("function")), Map.of("requests", Metrics.Unit.COUNT)));
        assertEquals("Diandan/weicheng-prod", EmbeddedMetrics.recorded(Json.write(line)).get(0).namespace());
    }

    @Test
    void aMetricOrDimensionTheLineDoesNotHoldIsABug() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.attach(line(), List.of(List.of("function")),
                Map.of("sweepLagSeconds", Metrics.Unit.SECONDS)));
        assertThrows(IllegalArgumentException.class, () -> Metrics.attach(line(), List.of(List.of("requestId", "area")),
                Map.of("requests", Metrics.Unit.COUNT)));
        assertThrows(IllegalArgumentException.class, () -> Metrics.attach(line(), List.of(List.of("function")),
                Map.of("route", Metrics.Unit.COUNT)));
        ObjectNode noRoute = line().put("route", "");
        assertThrows(IllegalArgumentException.class, () -> Metrics.attach(noRoute, List.of(List.of("route")),
                Map.of("requests", Metrics.Unit.COUNT)), "CloudWatch takes no empty dimension value");
    }

    @Test
    void theSpecificationCheckRefusesWhatCloudWatchWouldNotExtract() {
        assertEquals(1, EmbeddedMetrics.violations("{\"requests\": 1}").size());
        assertEquals(List.of("metric requests has no number (or array of numbers) at the root"),
                EmbeddedMetrics.violations("{\"_aws\": {\"Timestamp\": 1764547200000, \"CloudWatchMetrics\": [{"
                        + "\"Namespace\": \"Diandan\", \"Dimensions\": [], \"Metrics\": [{\"Name\": \"requests\"}]}]}}"));
    }

    static Map<String, Metrics.Unit> ordered(String a, Metrics.Unit unitA, String b, Metrics.Unit unitB) {
        Map<String, Metrics.Unit> metrics = new LinkedHashMap<>();
        metrics.put(a, unitA);
        metrics.put(b, unitB);
        return metrics;
    }
}
