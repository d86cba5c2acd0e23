package diandan.escalation;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.Environment;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.json.Json;
import diandan.adapter.priming.PrimingHttpClient;
import diandan.domain.Alert;
import diandan.port.escalation.AlertPublisher;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes alerts to the topic {@code ALERT_TOPIC_ARN}: ids, level, area, time and reason, never anything
 * about the resident. Level and area also go as message attributes, so that a subscriber (a station's SMS
 * gateway, say) can filter on them.
 */
public final class SnsAlertPublisher implements AlertPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** The topic's publisher when {@code ALERT_TOPIC_ARN} is set, else {@link AlertPublisher#NONE}. */
    public static AlertPublisher fromEnvironment() {
        String topicArn = Environment.get("ALERT_TOPIC_ARN");
        if (topicArn == null || topicArn.isBlank()) {
            return AlertPublisher.NONE;
        }
        SnsClient sns = SnsClient.builder()
                .httpClient(PrimingHttpClient.around(
                        UrlConnectionHttpClient.builder().socketTimeout(DynamoDb.ATTEMPT_TIMEOUT).build()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(DynamoDb.ATTEMPT_TIMEOUT)
                        .apiCallTimeout(DynamoDb.CALL_TIMEOUT)
                        .build())
                .region(Region.of(topicArn.split(":")[3])) // arn:aws:sns:<region>:<account>:<name>
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
        return new SnsAlertPublisher(sns, topicArn.trim());
    }

    @Override
    public void publish(Alert alert) {
        PublishRequest.Builder request = PublishRequest.builder().topicArn(topicArn)
                .subject("Diandan alert level " + alert.level())
                .message(Json.write(message(alert)))
                .messageAttributes(Map.of(
                        "level", MessageAttributeValue.builder().dataType("Number")
                                .stringValue(Integer.toString(alert.level())).build(),
                        "areaId", MessageAttributeValue.builder().dataType("String").stringValue(alert.areaId()).build()));
        if (topicArn.endsWith(".fifo")) {
            // a FIFO topic drops a republished alert by its id, and keeps each area's alerts in order
            request.messageGroupId(alert.areaId()).messageDeduplicationId(alert.id());
        }
        sns.publish(request.build());
    }

    static ObjectNode message(Alert alert) {
        ObjectNode json = Json.object();
        json.put("id", alert.id());
        json.put("requestId", alert.requestId());
        json.put("level", alert.level());
        json.put("areaId", alert.areaId());
        json.put("at", alert.at().toString());
        json.put("reason", alert.reason());
        return json;
    }
}
