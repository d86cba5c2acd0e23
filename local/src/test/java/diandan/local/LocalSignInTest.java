package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;
import diandan.domain.Role;

class LocalSignInTest {
    static final Path ROOT = RepoRoot.find();
    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path state;

    @Test
    void thePersonasAreTheFiveRolesWithClaimsTheDemoRegistryHas() throws Exception {
        JsonNode registry = Json.read(Files.readAllBytes(ROOT.resolve("local/demo/registry.json")));
        Set<String> areas = ids(registry.path("areas"));
        Set<String> teams = ids(registry.path("teams"));
        Set<String> volunteers = ids(registry.path("volunteers"));
        Set<String> firstRoles = new HashSet<>();
        for (LocalSignIn.Persona persona : LocalSignIn.load(ROOT)) {
            persona.roles().forEach(role -> assertTrue(Role.fromGroup(role).isPresent(), persona + ": " + role));
            firstRoles.add(persona.roles().get(0));
            assertTrue(persona.areaId() == null || areas.contains(persona.areaId()), persona.toString());
            assertTrue(persona.teamId() == null || teams.contains(persona.teamId()), persona.toString());
            assertTrue(persona.volunteerId() == null || volunteers.contains(persona.volunteerId()), persona.toString());
            assertEquals(persona.roles().contains("dispatcher"), persona.areaId() != null && !persona.roles().contains("admin"),
                    persona + ": a dispatcher names the area they cover");
            assertEquals(persona.roles().contains("team_leader"), persona.teamId() != null, persona.toString());
            assertEquals(persona.roles().contains("volunteer"), persona.volunteerId() != null, persona.toString());
        }
        assertEquals(Set.of("resident", "dispatcher", "team_leader", "volunteer", "admin"), firstRoles);
    }

    @Test
    void listsThePersonasAndSignsInAsOneWithATokenTheApiAccepts() throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(state);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(LocalSignIn.PATH, new LocalSignIn(LocalSignIn.load(ROOT), key,
                Clock.fixed(NOW, ZoneOffset.UTC)));
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + LocalSignIn.PATH);
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            assertEquals("dispatcher", Json.read(list.body()).get(0).path("id").asText());

            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"persona\":\"dispatcher\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, signedIn.statusCode());
            JsonNode answer = Json.read(signedIn.body());
            Map<String, String> claims = new JwtAuthorizer(key, LocalAccount.JWT_ISSUER, List.of(LocalAccount.JWT_AUDIENCE))
                    .authorize("Bearer " + answer.path("token").asText(), NOW.plusSeconds(60));
            assertEquals("dispatcher-wang", claims.get("sub"));
            assertEquals("[dispatcher]", claims.get("cognito:groups"));
            assertEquals("weiyang", claims.get("custom:area_id"));
            assertEquals("weiyang", answer.path("persona").path("areaId").asText());

            for (String body : List.of("{\"persona\":\"mayor\"}", "{}", "not json", "")) {
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, refused.statusCode(), body);
                assertTrue(refused.body().contains("dispatcher"), refused.body());
            }
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, put.statusCode());
        } finally {
            server.stop(0);
        }
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }
}
