package diandan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import diandan.adapter.json.Json;

/**
 * Lambda's Invoke API, as {@code sam local start-lambda} serves it: {@code POST
 * /2015-03-31/functions/{FunctionName}/invocations} with the payload as body. The name is the template's
 * logical id, or an ARN around it; a qualifier (after the name or as {@code ?Qualifier=}) must be one the
 * function has: {@code $LATEST} or the alias the template publishes ({@code AutoPublishAlias}), else 404 as
 * Lambda answers. The result comes back as the body; a function
 * error as {@code X-Amz-Function-Error: Unhandled} with Lambda's error document. {@code X-Amz-Invocation-Type:
 * Event} queues the event and answers 202; {@code DryRun} answers 204.
 */
final class InvokeApi implements HttpHandler {
    static final String PATH_PREFIX = "/2015-03-31/functions/";
    /** Lambda's limit on a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final Pattern INVOCATIONS = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");

    private final Map<String, LambdaFunction> functions;
    private final Map<String, String> aliases;
    private final Executor asynchronous;
    private final Consumer<Invocation> log;

    /** @param aliases each function's published alias, by logical id; a function without one is absent */
    InvokeApi(Map<String, LambdaFunction> functions, Map<String, String> aliases, Executor asynchronous,
              Consumer<Invocation> log) {
        this.functions = functions;
        this.aliases = aliases;
        this.asynchronous = asynchronous;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Matcher matcher = INVOCATIONS.matcher(exchange.getRequestURI().getRawPath());
        if (!matcher.matches() || !exchange.getRequestMethod().equals("POST")) {
            error(exchange, 404, "UnknownOperationException", "Unknown operation " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath());
            return;
        }
        Target target = target(ApiRoutes.decode(matcher.group(1)));
        LambdaFunction function = functions.get(target.name());
        if (function == null) {
            error(exchange, 404, "ResourceNotFoundException", "Function not found: "
                    + LocalAccount.functionArn(target.name()));
            return;
        }
        Map<String, String> query = HttpApiEvents.queryParameters(exchange.getRequestURI().getRawQuery());
        String queried = query == null ? null : query.get("Qualifier");
        if (target.qualifier() != null && queried != null && !queried.equals(target.qualifier())) {
            error(exchange, 400, "InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier.");
            return;
        }
        String qualifier = target.qualifier() != null ? target.qualifier() : queried;
        if (qualifier != null && !qualifier.equals("$LATEST") && !qualifier.equals(aliases.get(target.name()))) {
            error(exchange, 404, "ResourceNotFoundException", "Function not found: "
                    + LocalAccount.functionArn(target.name()) + ":" + qualifier);
            return;
        }
        byte[] payload;
        try {
            payload = Exchanges.body(exchange, MAX_PAYLOAD_BYTES);
        } catch (Exchanges.TooLarge e) {
            error(exchange, 413, "RequestTooLargeException", "Request must be smaller than " + MAX_PAYLOAD_BYTES
                    + " bytes for the InvokeFunction operation");
            return;
        }
        if (payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            Json.read(payload);
        } catch (IOException e) {
            error(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json");
            return;
        }
        String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        String requestId = UUID.randomUUID().toString();
        if ("DryRun".equals(invocationType)) {
            Exchanges.send(exchange, 204, Map.of("x-amzn-RequestId", requestId), null);
        } else if ("Event".equals(invocationType)) {
            byte[] event = payload;
            asynchronous.execute(() -> run(function, event, requestId));
            Exchanges.send(exchange, 202, Map.of("x-amzn-RequestId", requestId), null);
        } else {
            respond(exchange, function, payload, requestId);
        }
    }

    private void respond(HttpExchange exchange, LambdaFunction function, byte[] payload, String requestId)
            throws IOException {
        long started = System.nanoTime();
        Map<String, String> headers = Map.of("x-amzn-RequestId", requestId, "X-Amz-Executed-Version", "$LATEST");
        try {
            byte[] result = function.invokeJson(payload, requestId);
            log.accept(new Invocation(function.id(), "invoke", "ok", System.nanoTime() - started, requestId));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            Exchanges.send(exchange, 200, headers, result);
        } catch (FunctionError failed) {
            log.accept(new Invocation(function.id(), "invoke", "error (" + failed.summary() + ")",
                    System.nanoTime() - started, requestId));
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            Exchanges.sendJson(exchange, 200, headers, failed.payload());
        } catch (Throttled throttled) {
            log.accept(new Invocation(function.id(), "invoke", "429 (throttled)", System.nanoTime() - started,
                    requestId));
            error(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
        }
    }

    private void run(LambdaFunction function, byte[] payload, String requestId) {
        long started = System.nanoTime();
        String outcome;
        try {
            function.invokeJson(payload, requestId);
            outcome = "ok";
        } catch (FunctionError failed) {
            outcome = "error (" + failed.summary() + ")";
        } catch (Throttled throttled) {
            outcome = "throttled";
        }
        log.accept(new Invocation(function.id(), "invoke (Event)", outcome, System.nanoTime() - started,
                requestId));
    }

    /** The function an invocation names: its logical id, and the qualifier when one is given (null if not). */
    record Target(String name, String qualifier) {
    }

    /** {@code Name}, {@code Name:qualifier}, or an ARN ending in either. */
    static Target target(String given) {
        String name = given;
        String qualifier = null;
        if (name.startsWith("arn:")) {
            String[] parts = name.split(":", -1);
            qualifier = parts.length > 7 ? parts[7] : null;
            name = parts.length > 6 ? parts[6] : name;
        } else if (name.contains(":")) {
            qualifier = name.substring(name.indexOf(':') + 1);
            name = name.substring(0, name.indexOf(':'));
        }
        String stackPrefix = LocalAccount.STACK_NAME + "-";
        return new Target(name.startsWith(stackPrefix) ? name.substring(stackPrefix.length()) : name, qualifier);
    }

    /** Lambda's service errors: the type in {@code x-amzn-ErrorType}, as the SDKs and the CLI read them. */
    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = Json.object().put("Type", "User").put("message", message);
        Exchanges.sendJson(exchange, status, Map.of("x-amzn-ErrorType", type), Json.write(body));
    }
}
