package diandan.local;

import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;

/**
 * A function's invocation that produced no result, reported as Lambda reports it to the caller:
 * {@code {errorMessage, errorType, stackTrace}}.
 */
final class FunctionError extends Exception {
    private final String errorType;

    FunctionError(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    static FunctionError of(Throwable thrown) {
        return new FunctionError(thrown.getClass().getName(), thrown.getMessage(), thrown);
    }

    String errorType() {
        return errorType;
    }

    /**
     * For the stack's log: the type, and the message only when the stack wrote it itself. A handler's exception
     * message may quote the event (Jackson quotes its input), and logs never carry personal data.
     */
    String summary() {
        return getCause() == null ? errorType + ": " + getMessage() : errorType;
    }

    String payload() {
        ObjectNode body = Json.object();
        body.put("errorMessage", getMessage());
        body.put("errorType", errorType);
        var trace = body.putArray("stackTrace");
        if (getCause() != null) {
            Arrays.stream(getCause().getStackTrace()).limit(20).forEach(frame -> trace.add(frame.toString()));
        }
        return Json.write(body);
    }
}
