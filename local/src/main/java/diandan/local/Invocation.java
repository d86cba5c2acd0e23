package diandan.local;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One invocation of a function, as the stack logs it: which function, what triggered it (an HTTP route, the
 * Invoke API, a schedule), its outcome (an HTTP status or ok/error), how long the function took, and the request
 * id (the API request's, the schedule event's) that the function's own log lines carry too.
 */
public record Invocation(String functionId, String trigger, String outcome, long nanos, String requestId) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    public long millis() {
        return nanos / 1_000_000;
    }

    /** One line: {@code 09:30:00.123 IntakeFunction POST /requests 201 12 ms 5d8c7c4e-...}. */
    public String logLine() {
        return TIME.format(LocalTime.now(ZoneId.systemDefault())) + " " + functionId + " " + trigger + " " + outcome
                + " " + millis() + " ms " + requestId;
    }
}
