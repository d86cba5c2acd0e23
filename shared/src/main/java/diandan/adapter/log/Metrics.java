package diandan.adapter.log;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.Environment;
import diandan.adapter.json.Json;
import diandan.adapter.priming.PrimingHttpClient;

/**
 * CloudWatch metrics carried by the log lines the functions write anyway, in the Embedded Metric Format: a line's
 * {@code _aws} member names some of its own numeric members as metrics and some of its text members as their
 * dimensions, and CloudWatch Logs extracts them. No call to CloudWatch, no library, no second line. The
 * namespace is the stack's ({@code METRICS_NAMESPACE}, set by the template), so two stacks in one account keep
 * their metrics apart. Dimensions are routes, status classes and function names: never a person's data. What a
 * SnapStart snapshot's priming answers ({@link PrimingHttpClient#during}) is logged and not counted: about ninety
 * answers a snapshot are not traffic.
 */
public final class Metrics {
    public static final String NAMESPACE_VARIABLE = "METRICS_NAMESPACE";
    /** Where metrics go when no stack names a namespace: the local stack, the tests. */
    public static final String DEFAULT_NAMESPACE = "Diandan";
    /** The specification's bounds: dimensions in one set, metrics in one directive. */
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_METRICS = 100;

    public enum Unit {
        COUNT("Count"), SECONDS("Seconds"), MILLISECONDS("Milliseconds");

        final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    private Metrics() {
    }

    /**
     * Makes {@code line} carry these metrics under these dimensions, added to any it carries already; a line may
     * carry several directives, each with its own dimensions. While priming runs the line is marked
     * {@code "priming": true} and carries none.
     *
     * @param dimensionSets each a list of names of the line's text members; one metric is recorded per set
     * @param metrics names of the line's numeric members, with their units
     * @throws IllegalArgumentException when a named member is absent or of the wrong kind: a bug, not a fault
     */
    public static ObjectNode attach(ObjectNode line, List<List<String>> dimensionSets, Map<String, Unit> metrics) {
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("a directive has 1 to " + MAX_METRICS + " metrics, not " + metrics.size());
        }
        ObjectNode directive = Json.object();
        directive.put("Namespace", namespace());
        ArrayNode dimensions = directive.putArray("Dimensions");
        for (List<String> set : dimensionSets) {
            if (set.size() > MAX_DIMENSIONS) {
                throw new IllegalArgumentException("at most " + MAX_DIMENSIONS + " dimensions in a set: " + set);
            }
            ArrayNode names = dimensions.addArray();
            for (String name : set) {
                if (!line.path(name).isTextual() || line.path(name).asText().isEmpty()) {
                    throw new IllegalArgumentException("dimension " + name + " is not a non-empty text member of the line");
                }
                names.add(name);
            }
        }
        ArrayNode definitions = directive.putArray("Metrics");
        metrics.forEach((name, unit) -> {
            if (!line.path(name).isNumber()) {
                throw new IllegalArgumentException("metric " + name + " is not a number member of the line");
            }
            definitions.addObject().put("Name", name).put("Unit", unit.cloudWatchName);
        });
        long timestamp = timestamp(line); // while priming too: the snapshot then holds what reading the time loads
        if (PrimingHttpClient.priming()) {
            // a snapshot's priming answers the routes before any client does: its lines say so and count nothing
            line.put("priming", true);
            return line;
        }
        ObjectNode aws = line.has("_aws") ? (ObjectNode) line.get("_aws") : line.putObject("_aws");
        aws.put("Timestamp", timestamp);
        (aws.has("CloudWatchMetrics") ? (ArrayNode) aws.get("CloudWatchMetrics") : aws.putArray("CloudWatchMetrics"))
                .add(directive);
        return line;
    }

    /** The line's own time ({@link Log#line}), so that the metric and the line agree. */
    private static long timestamp(ObjectNode line) {
        JsonNode time = line.path("timestamp");
        return time.isTextual() ? Instant.parse(time.asText()).toEpochMilli() : Instant.now().toEpochMilli();
    }

    private static String namespace() {
        String given = Environment.get(NAMESPACE_VARIABLE);
        return given == null || given.isBlank() ? DEFAULT_NAMESPACE : given;
    }
}
