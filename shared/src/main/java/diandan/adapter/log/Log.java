package diandan.adapter.log;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;

/**
 * Structured JSON log lines, one per event handled or fault met, keyed by the API request id or the schedule
 * event id. Callers pass ids, routes, statuses and counts: never contact data.
 */
public final class Log {
    private static volatile Consumer<String> sink = System.out::println;

    private Log() {
    }

    /** Where lines go: standard output (Lambda's log stream) unless a test or the local stack captures them. */
    public static void sink(Consumer<String> lines) {
        sink = lines;
    }

    public static ObjectNode line(String level, String message, String correlationId) {
        ObjectNode line = Json.object();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.put("requestId", correlationId);
        return line;
    }

    public static void emit(ObjectNode line) {
        sink.accept(Json.write(line));
    }

    /** A scheduled run's summary as one line: its counts, flags and times, in the summary's order. */
    public static void summary(String level, String message, String correlationId, Map<String, ?> fields) {
        emit(summaryLine(level, message, correlationId, fields));
    }

    /** The line {@link #summary} writes, for a caller that adds to it (its metrics) before {@link #emit}. */
    public static ObjectNode summaryLine(String level, String message, String correlationId, Map<String, ?> fields) {
        ObjectNode line = line(level, message, correlationId);
        fields.forEach((name, value) -> {
            if (value instanceof Number count) {
                line.put(name, count.longValue());
            } else if (value instanceof Boolean flag) {
                line.put(name, flag);
            } else {
                line.put(name, value == null ? null : value.toString());
            }
        });
        return line;
    }

    public static void info(String message, String correlationId) {
        emit(line("INFO", message, correlationId));
    }

    public static void error(String message, String correlationId, Throwable error) {
        emit(errorLine(message, correlationId, error));
    }

    /**
     * A scheduled run the store failed: its error line, counted as one of the function's storage faults (the
     * metric each HTTP answer's line carries too).
     */
    public static void storageFault(String function, String correlationId, RuntimeException fault) {
        ObjectNode line = errorLine("storage unavailable: " + fault.getMessage(), correlationId, fault);
        line.put("function", function);
        line.put("storageFaults", 1);
        emit(Metrics.attach(line, List.of(List.of("function")), Map.of("storageFaults", Metrics.Unit.COUNT)));
    }

    private static ObjectNode errorLine(String message, String correlationId, Throwable error) {
        ObjectNode line = line("ERROR", message, correlationId);
        line.put("error", error.getClass().getName());
        StackTraceElement[] trace = error.getStackTrace();
        if (trace.length > 0) {
            line.put("at", trace[0].toString());
        }
        return line;
    }
}
