package diandan.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.MutableClock;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** With the engine gone, every route answers 503 with Retry-After; when it is back, nothing was half-written. */
class StorageFaultTest {
    @Test
    void aStoppedEngineGivesServiceUnavailableAndWritesNothing() throws Exception {
        Path data = Files.createTempDirectory("dynalite-fault");
        String table = "fault" + UUID.randomUUID().toString().substring(0, 8);
        Dynalite engine = Dynalite.start(data);
        DynamoDbClient client = engine.client();
        TableDefinition.fromTemplate(Template.load()).ensureCreated(client, table);
        DemoRegistry.loadInto(client, table);
        IntakeHandler handler = new IntakeHandler(client, table, new MutableClock(Instant.parse("2026-11-28T09:30:00Z")));
        engine.close();

        APIGatewayV2HTTPResponse submit = handler.handleRequest(ApiEvents.load("submit-request.json"), null);
        assertEquals(503, submit.getStatusCode(), submit.getBody());
        assertEquals("2", submit.getHeaders().get("Retry-After"));
        assertEquals("application/problem+json", submit.getHeaders().get("Content-Type"));
        assertEquals(503, handler.handleRequest(ApiEvents.load("get-request.json"), null).getStatusCode());

        Dynalite restarted = Dynalite.start(engine.port(), data);
        try {
            long items = client.scan(b -> b.tableName(table).filterExpression("#t = :r")
                    .expressionAttributeNames(java.util.Map.of("#t", "type"))
                    .expressionAttributeValues(java.util.Map.of(":r", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("request"))))
                    .count();
            assertEquals(0, items, "no request was stored while the engine was down");
            APIGatewayV2HTTPResponse retried = handler.handleRequest(ApiEvents.load("submit-request.json"), null);
            assertEquals(201, retried.getStatusCode(), retried.getBody());
            assertTrue(retried.getBody().contains("\"version\":1"));
        } finally {
            client.close();
            restarted.close();
        }
    }
}
