package diandan.local;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import diandan.adapter.json.Json;
import diandan.devkit.Template;

/**
 * The template's event bus and its rules, in process: EventBridge's PutEvents (the AWS JSON protocol the SDK
 * speaks, served at {@value #PATH} for the functions' {@code EVENTS_ENDPOINT}) takes the entries, and each entry
 * that a function's {@code EventBridgeRule} pattern matches invokes that function asynchronously with the event
 * EventBridge would deliver. A failed invocation is retried twice, as Lambda retries an asynchronous one, and then
 * logged as dead-lettered.
 */
final class LocalEventBus implements HttpHandler {
    static final String PATH = "/_local/events";
    /** Lambda's retries of a failed asynchronous invocation (the template's EventInvokeConfig says 2). */
    private static final int RETRIES = 2;

    private final List<Template.BusRule> rules;
    private final Map<String, LambdaFunction> functions;
    private final Executor asynchronous;
    private final Consumer<Invocation> log;

    LocalEventBus(List<Template.BusRule> rules, Map<String, LambdaFunction> functions, Executor asynchronous,
                  Consumer<Invocation> log) {
        this.rules = List.copyOf(rules);
        this.functions = functions;
        this.asynchronous = asynchronous;
        this.log = log;
    }

    List<Template.BusRule> rules() {
        return rules;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"AWSEvents.PutEvents".equals(target)) {
            Exchanges.sendJson(exchange, 400, Map.of(), "{\"__type\":\"UnknownOperationException\"}");
            return;
        }
        JsonNode request = Json.read(Exchanges.body(exchange, InvokeApi.MAX_PAYLOAD_BYTES));
        ObjectNode answer = Json.object();
        answer.put("FailedEntryCount", 0);
        ArrayNode answered = answer.putArray("Entries");
        for (JsonNode entry : request.path("Entries")) {
            String id = UUID.randomUUID().toString();
            answered.addObject().put("EventId", id);
            deliver(id, entry);
        }
        Exchanges.sendJson(exchange, 200, Map.of(), Json.write(answer));
    }

    private void deliver(String id, JsonNode entry) throws IOException {
        for (Template.BusRule rule : rules) {
            if (!matches(rule.pattern(), entry.path("Source").asText(), entry.path("DetailType").asText())) {
                continue;
            }
            ObjectNode event = Json.object();
            event.put("version", "0");
            event.put("id", id);
            event.put("detail-type", entry.path("DetailType").asText());
            event.put("source", entry.path("Source").asText());
            event.put("account", LocalAccount.ACCOUNT_ID);
            // the SDK sends Time as epoch seconds with a fraction
            event.put("time", entry.hasNonNull("Time")
                    ? Instant.ofEpochMilli(Math.round(entry.get("Time").asDouble() * 1000)).toString()
                    : Instant.now().toString());
            event.put("region", LocalAccount.REGION);
            event.putArray("resources");
            event.set("detail", Json.read(entry.path("Detail").asText("{}")));
            byte[] payload = Json.bytes(event);
            LambdaFunction function = functions.get(rule.functionId());
            asynchronous.execute(() -> invoke(function, rule, payload, id));
        }
    }

    private void invoke(LambdaFunction function, Template.BusRule rule, byte[] payload, String id) {
        String outcome = "dead-lettered";
        long started = System.nanoTime();
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            try {
                function.invokeJson(payload, id);
                outcome = attempt == 0 ? "ok" : "ok (retry " + attempt + ")";
                break;
            } catch (FunctionError | Throttled failed) {
                outcome = "dead-lettered after " + (attempt + 1) + " attempts";
            }
        }
        log.accept(new Invocation(function.id(), "bus " + rule.eventId(), outcome, System.nanoTime() - started, id));
    }

    /**
     * EventBridge's matching for the patterns the template uses: each named field is one of the listed values. A rule
     * naming any other field is a template the local stack would run wrongly, so publishing fails loudly instead.
     */
    static boolean matches(Map<String, Object> pattern, String source, String detailType) {
        for (Map.Entry<String, Object> field : pattern.entrySet()) {
            String value = switch (field.getKey()) {
                case "source" -> source;
                case "detail-type" -> detailType;
                default -> throw new IllegalArgumentException("template.yaml: a bus rule matches on '" + field.getKey()
                        + "'; the local bus knows source and detail-type");
            };
            if (!(field.getValue() instanceof List<?> allowed) || !allowed.contains(value)) {
                return false;
            }
        }
        return true;
    }
}
