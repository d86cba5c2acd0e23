package diandan.local;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One invocation of a function, as the stack logs it: which function, what triggered it (an HTTP route, the
 * Invoke API, a schedule), its outcome (an HTTP status or ok/error) and how long the function took.
 */
public record Invocation(String functionId, String trigger, String outcome, long nanos) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    public long millis() {
        return nanos / 1_000_000;
    }

    /** One line: {@code 09:30:00.123 IntakeFunction POST /requests 201 12 ms}. */
    public String logLine() {
        return TIME.format(LocalTime.now(ZoneId.systemDefault())) + " " + functionId + " " + trigger + " " + outcome
                + " " + millis() + " ms";
    }
}
