package diandan.devkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a log line against CloudWatch's Embedded Metric Format specification, as CloudWatch Logs would before
 * extracting its metrics: a root object whose {@code _aws} holds a millisecond {@code Timestamp} and
 * {@code CloudWatchMetrics}, directives of a {@code Namespace}, {@code Dimensions} (sets of at most 30 names of the
 * root's text members) and {@code Metrics} (1 to 100 definitions, each naming a numeric member, or an array of at
 * most 100 numbers, with a known unit).
 */
public final class EmbeddedMetrics {
    /** The units CloudWatch accepts. */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedMetrics() {
    }

    /** One metric a valid line records: its namespace, name, unit, value and dimensions (name to value). */
    public record Recorded(String namespace, String name, String unit, double value, Map<String, String> dimensions) {
    }

    /** What is wrong with the line as an EMF record; empty when CloudWatch would extract its metrics. */
    public static List<String> violations(String text) {
        List<String> wrong = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return List.of("not JSON: " + e.getMessage());
        }
        JsonNode aws = root.path("_aws");
        if (!root.isObject() || !aws.isObject()) {
            return List.of("no _aws object at the root");
        }
        if (!aws.path("Timestamp").canConvertToLong() || aws.path("Timestamp").asLong() < 1_000_000_000_000L) {
            wrong.add("_aws.Timestamp is not a time in milliseconds since the epoch");
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray() || directives.isEmpty()) {
            wrong.add("_aws.CloudWatchMetrics is not a non-empty array");
            return wrong;
        }
        for (JsonNode directive : directives) {
            if (!directive.path("Namespace").isTextual() || directive.path("Namespace").asText().isBlank()
                    || directive.path("Namespace").asText().length() > 255) {
                wrong.add("a directive's Namespace is not 1 to 255 characters");
            }
            if (!directive.path("Dimensions").isArray()) {
                wrong.add("a directive's Dimensions is not an array");
            }
            for (JsonNode set : directive.path("Dimensions")) {
                if (!set.isArray() || set.size() > 30) {
                    wrong.add("a dimension set is not an array of at most 30 names: " + set);
                    continue;
                }
                set.forEach(name -> {
                    if (!name.isTextual() || !root.path(name.asText()).isTextual()
                            || root.path(name.asText()).asText().isEmpty()) {
                        wrong.add("dimension " + name + " is not a non-empty text member of the root");
                    }
                });
            }
            JsonNode metrics = directive.path("Metrics");
            if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
                wrong.add("a directive's Metrics is not an array of 1 to 100 definitions");
                continue;
            }
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText("");
                JsonNode value = root.path(name);
                if (name.isEmpty() || name.length() > 255) {
                    wrong.add("a metric's Name is not 1 to 255 characters");
                } else if (!(value.isNumber() || value.isArray() && value.size() <= 100
                        && value.size() > 0 && allNumbers(value))) {
                    wrong.add("metric " + name + " has no number (or array of numbers) at the root");
                }
                if (metric.has("Unit") && !UNITS.contains(metric.path("Unit").asText())) {
                    wrong.add("metric " + name + " has an unknown unit " + metric.path("Unit"));
                }
            }
        }
        return wrong;
    }

    /** The metrics a line records, one per metric and dimension set; the line must be valid. */
    public static List<Recorded> recorded(String text) {
        List<String> wrong = violations(text);
        if (!wrong.isEmpty()) {
            throw new AssertionError("not a valid EMF line: " + wrong + "\n" + text);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<Recorded> recorded = new ArrayList<>();
        for (JsonNode directive : root.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                set.forEach(name -> dimensions.put(name.asText(), root.path(name.asText()).asText()));
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    recorded.add(new Recorded(directive.path("Namespace").asText(), name, metric.path("Unit").asText("None"),
                            root.path(name).asDouble(), dimensions));
                }
            }
        }
        return recorded;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
