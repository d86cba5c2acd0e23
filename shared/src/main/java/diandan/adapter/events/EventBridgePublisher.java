package diandan.adapter.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import diandan.adapter.Environment;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.json.Json;
import diandan.adapter.priming.PrimingHttpClient;
import diandan.domain.notify.DomainEvent;
import diandan.port.notify.EventPublisher;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Puts domain events on the custom bus {@code EVENT_BUS_NAME}: source {@value EventDetail#SOURCE}, the event
 * type's code as detail type, {@link EventDetail} as detail. PutEvents takes ten entries a call and may accept
 * some of them only: any entry refused fails the whole publication, and the outbox sends all again (consumers
 * drop the repeats by id).
 */
public final class EventBridgePublisher implements EventPublisher {
    /** The most entries one PutEvents call takes. */
    static final int ENTRIES_PER_CALL = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    /**
     * The bus named by {@code EVENT_BUS_NAME}, or null when none is set: the stack then announces nothing. The
     * local stack sets {@code EVENTS_ENDPOINT} to its in-process bus.
     */
    public static EventPublisher fromEnvironment() {
        String bus = Environment.get("EVENT_BUS_NAME");
        if (bus == null || bus.isBlank()) {
            return null;
        }
        EventBridgeClientBuilder client = EventBridgeClient.builder()
                .httpClient(PrimingHttpClient.around(
                        UrlConnectionHttpClient.builder().socketTimeout(DynamoDb.ATTEMPT_TIMEOUT).build()))
                .overrideConfiguration(DynamoDb.overrides().build())
                .region(Region.of(Environment.require("AWS_REGION")));
        String endpoint = Environment.get("EVENTS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            // the local stack's bus, in process: it takes any credentials
            client.endpointOverride(URI.create(endpoint))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            client.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        return new EventBridgePublisher(client.build(), bus.trim());
    }

    @Override
    public void publish(List<DomainEvent> events) {
        for (int from = 0; from < events.size(); from += ENTRIES_PER_CALL) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (DomainEvent event : events.subList(from, Math.min(events.size(), from + ENTRIES_PER_CALL))) {
                entries.add(PutEventsRequestEntry.builder().eventBusName(busName).source(EventDetail.SOURCE)
                        .detailType(event.type().code()).detail(Json.write(EventDetail.of(event)))
                        .time(event.at()).resources(List.of()).build());
            }
            PutEventsResponse answer = client.putEvents(b -> b.entries(entries));
            if (answer.failedEntryCount() != null && answer.failedEntryCount() > 0) {
                throw new IllegalStateException(answer.failedEntryCount() + " of " + entries.size()
                        + " events refused by bus " + busName + ": " + answer.entries().stream()
                        .filter(entry -> entry.errorCode() != null).map(entry -> entry.errorCode()).distinct().toList());
            }
        }
    }
}
