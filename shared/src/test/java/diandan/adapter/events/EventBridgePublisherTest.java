package diandan.adapter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.devkit.MotoServer;
import diandan.devkit.PrivateDataAudit;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The publisher against moto's EventBridge on loopback: the events arrive on the custom bus as the rules see
 * them (a rule on the bus forwards them to an SQS queue, read back here), more than ten go in several calls,
 * and a bus that refuses them fails the publication, so that the outbox keeps them.
 */
class EventBridgePublisherTest {
    static final String BUS = "diandan-test";
    static final Instant AT = Instant.parse("2026-11-28T09:30:00Z");
    static MotoServer moto;
    static EventBridgeClient client;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        client = EventBridgeClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        client.createEventBus(b -> b.name(BUS));
    }

    @AfterAll
    static void stop() {
        client.close();
        moto.close();
    }

    static DomainEvent event(int n) {
        return new DomainEvent("r1." + n, EventType.DISPATCHED, "r1", "team-a", 0, AT.plusSeconds(n));
    }

    @Test
    void twelveEventsReachTheBusInTwoCallsAsIdsAndCodes() throws Exception {
        String queueUrl = sqs("CreateQueue", "{\"QueueName\":\"dispatched\"}").path("QueueUrl").asText();
        client.putRule(b -> b.eventBusName(BUS).name("dispatched")
                .eventPattern("{\"source\":[\"" + EventDetail.SOURCE + "\"],\"detail-type\":[\"dispatched\"]}"));
        client.putTargets(b -> b.eventBusName(BUS).rule("dispatched").targets(t -> t.id("queue")
                .arn("arn:aws:sqs:us-east-1:123456789012:dispatched")));
        List<DomainEvent> events = IntStream.range(0, 12).mapToObj(EventBridgePublisherTest::event).toList();

        new EventBridgePublisher(client, BUS).publish(events);

        List<JsonNode> received = receiveAll(queueUrl, events.size());
        Set<String> ids = new HashSet<>();
        for (JsonNode envelope : received) {
            assertEquals(EventDetail.SOURCE, envelope.path("source").asText());
            assertEquals("dispatched", envelope.path("detail-type").asText());
            JsonNode detail = envelope.path("detail");
            assertEquals(Set.of("id", "type", "requestId", "teamId", "at"), fieldNames(detail));
            assertEquals(event(Integer.parseInt(detail.path("id").asText().substring(3))), EventDetail.parse(detail));
            PrivateDataAudit.outgoing("bus event", Json.write(envelope));
            ids.add(detail.path("id").asText());
        }
        assertEquals(events.stream().map(DomainEvent::id).collect(java.util.stream.Collectors.toSet()), ids);
    }

    @Test
    void aBusThatIsNotThereFailsThePublication() {
        assertThrows(RuntimeException.class,
                () -> new EventBridgePublisher(client, "no-such-bus").publish(List.of(event(1))));
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<JsonNode> receiveAll(String queueUrl, int expected) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && bodies.size() < expected; attempt++) {
            ObjectNode receive = Json.object().put("QueueUrl", queueUrl).put("MaxNumberOfMessages", 10)
                    .put("WaitTimeSeconds", 1);
            for (JsonNode message : sqs("ReceiveMessage", Json.write(receive)).path("Messages")) {
                bodies.add(Json.read(message.path("Body").asText()));
                sqs("DeleteMessage", Json.write(Json.object().put("QueueUrl", queueUrl)
                        .put("ReceiptHandle", message.path("ReceiptHandle").asText())));
            }
        }
        assertEquals(expected, bodies.size(), "events forwarded by the rule");
        return bodies;
    }

    /** One SQS call in its JSON protocol: the test reads the rule's queue without another SDK module. */
    static JsonNode sqs(String action, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + action)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261128/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() < 300, action + ": " + answer.body());
        return answer.body().isBlank() ? Json.object() : Json.read(answer.body());
    }
}
