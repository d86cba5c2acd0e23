package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;

/** Data kept in the state folder survives a stop and a start; the demo is loaded on the first start only. */
class LocalStackRestartTest {
    @Test
    void keepsDataAcrossRestarts(@TempDir Path state) throws Exception {
        LocalStack.Options options = LocalStack.Options.defaults(RepoRoot.find(), line -> { })
                .withStateDir(state).withPort(0).withBanner(false).withInvocations(invocation -> { });
        HttpClient http = HttpClient.newHttpClient();
        String token = LocalTokens.issue(LocalSigningKey.loadOrCreate(state),
                new LocalTokens.Subject("resident-restart", List.of("resident"), null, null, null), Instant.now(),
                LocalTokens.VALIDITY);
        String body = Files.readString(RepoRoot.find().resolve("events/submit-request.json"));
        String id;
        try (LocalStack first = LocalStack.start(options)) {
            assertTrue(Files.exists(state.resolve(LocalStack.PORT_FILE)), "invoke finds the running stack");
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(first.baseUri().resolve("/requests"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.read(body).get("body").asText())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            id = Json.read(created.body()).get("id").asText();
        }
        assertFalse(Files.exists(state.resolve(LocalStack.PORT_FILE)));
        try (LocalStack second = LocalStack.start(options)) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(second.baseUri().resolve("/requests/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
        }
    }
}
