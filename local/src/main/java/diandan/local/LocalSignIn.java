package diandan.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import diandan.adapter.json.Json;

/**
 * The console's sign-in on the local stack, in place of a user pool's hosted page: {@code GET /_local/sign-in}
 * lists the demo personas ({@code local/demo/personas.json}: who they are and their claims), and
 * {@code POST /_local/sign-in {"persona": id}} answers {@code {token, persona}} with a token of the local
 * identity provider for that persona, as {@code ./run-local token} would print it. Local only and
 * unauthenticated, like the rest of what the stack adds to the template: anyone who can reach the port can
 * already mint any token with the key in {@code .local/}.
 */
final class LocalSignIn implements HttpHandler {
    static final String PATH = "/_local/sign-in";
    static final String FILE = "local/demo/personas.json";
    private static final int MAX_BODY_BYTES = 1024;

    /** A demo user: shown by name and title, signed in with these claims. */
    record Persona(String id, String name, String title, String sub, List<String> roles, String teamId, String areaId,
                   String volunteerId) {
        LocalTokens.Subject subject() {
            return new LocalTokens.Subject(sub, roles, teamId, areaId, volunteerId);
        }

        ObjectNode json() {
            ObjectNode node = Json.object().put("id", id).put("name", name).put("title", title).put("sub", sub);
            roles.forEach(node.putArray("roles")::add);
            if (teamId != null) {
                node.put("teamId", teamId);
            }
            if (areaId != null) {
                node.put("areaId", areaId);
            }
            if (volunteerId != null) {
                node.put("volunteerId", volunteerId);
            }
            return node;
        }
    }

    private final List<Persona> personas;
    private final LocalSigningKey key;
    private final Clock clock;

    LocalSignIn(List<Persona> personas, LocalSigningKey key, Clock clock) {
        this.personas = List.copyOf(personas);
        this.key = key;
        this.clock = clock;
    }

    static List<Persona> load(Path root) throws IOException {
        List<Persona> personas = new ArrayList<>();
        for (JsonNode node : Json.read(Files.readAllBytes(root.resolve(FILE)))) {
            List<String> roles = new ArrayList<>();
            node.path("roles").forEach(role -> roles.add(role.asText()));
            personas.add(new Persona(node.path("id").asText(), node.path("name").asText(), node.path("title").asText(),
                    node.path("sub").asText(), List.copyOf(roles), text(node, "teamId"), text(node, "areaId"),
                    text(node, "volunteerId")));
        }
        return personas;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    List<Persona> personas() {
        return personas;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            Exchanges.sendJson(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                ArrayNode list = Json.array();
                personas.forEach(persona -> list.add(persona.json()));
                Exchanges.sendJson(exchange, 200, Map.of("Cache-Control", "no-store"), Json.write(list));
            }
            case "POST" -> signIn(exchange);
            default -> Exchanges.sendJson(exchange, 405, Map.of("Allow", "GET, POST"),
                    "{\"message\":\"Method Not Allowed\"}");
        }
    }

    private void signIn(HttpExchange exchange) throws IOException {
        String chosen;
        try {
            chosen = Json.read(Exchanges.body(exchange, MAX_BODY_BYTES)).path("persona").asText("");
        } catch (IOException | RuntimeException unreadable) {
            chosen = "";
        }
        String id = chosen;
        Persona persona = personas.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        if (persona == null) {
            Exchanges.sendJson(exchange, 400, Map.of(), Json.write(Json.object()
                    .put("message", "body {\"persona\": id}, id one of " + personas.stream().map(Persona::id).toList())));
            return;
        }
        String token = LocalTokens.issue(key, persona.subject(), clock.instant(), LocalTokens.VALIDITY);
        ObjectNode answer = Json.object().put("token", token);
        answer.set("persona", persona.json());
        Exchanges.sendJson(exchange, 200, Map.of("Cache-Control", "no-store"), Json.write(answer));
    }
}
