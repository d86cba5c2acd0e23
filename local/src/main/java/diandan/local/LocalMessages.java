package diandan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import diandan.adapter.json.Json;

/**
 * {@code GET /_local/messages}: every message the local notifier would have sent, as recorded in the stack's
 * messages file (one JSON object per line), newest last; {@code ?requestId=} keeps one request's. Local only and
 * unauthenticated, like the rest of what the stack adds to the template.
 */
final class LocalMessages implements HttpHandler {
    static final String PATH = "/_local/messages";
    static final String FILE_NAME = "messages.jsonl";

    private final Path file;

    LocalMessages(Path file) {
        this.file = file;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(PATH)) {
            Exchanges.sendJson(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            return;
        }
        Map<String, String> query = HttpApiEvents.queryParameters(exchange.getRequestURI().getRawQuery());
        String requestId = query == null ? null : query.get("requestId");
        ArrayNode messages = Json.array();
        for (String line : lines()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = Json.read(line);
            if (requestId == null || requestId.equals(message.path("requestId").asText())) {
                messages.add(message);
            }
        }
        Exchanges.sendJson(exchange, 200, Map.of(), Json.write(messages));
    }

    private List<String> lines() throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return List.of();
        }
    }
}
