package diandan.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.domain.Alert;
import diandan.domain.Clocks;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

class SnsAlertPublisherTest {
    static final Alert ALERT = Alert.raise(
            Fixtures.submitted("r1", Instant.parse("2026-11-28T09:30:00Z"), Clocks.DESK_PROMISE, "team-a"),
            2, "reply deadline missed", Instant.parse("2026-11-28T10:00:00Z"));

    private static PublishRequest published(String topicArn) {
        SnsClient sns = mock(SnsClient.class);
        new SnsAlertPublisher(sns, topicArn).publish(ALERT);
        ArgumentCaptor<PublishRequest> request = ArgumentCaptor.forClass(PublishRequest.class);
        verify(sns).publish(request.capture());
        return request.getValue();
    }

    @Test
    void publishesIdsLevelAreaTimeAndReasonAndNothingAboutTheResident() throws Exception {
        PublishRequest request = published("arn:aws:sns:ap-east-1:123456789012:diandan-alerts");
        JsonNode message = Json.read(request.message());
        assertEquals(List.of("id", "requestId", "level", "areaId", "at", "reason"), fieldNames(message));
        assertEquals(2, message.get("level").asInt());
        assertEquals("weiyang", message.get("areaId").asText());
        assertEquals("2", request.messageAttributes().get("level").stringValue());
        assertEquals("weiyang", request.messageAttributes().get("areaId").stringValue());
        assertNull(request.messageGroupId());
    }

    @Test
    void aFifoTopicDeduplicatesByAlertId() {
        PublishRequest request = published("arn:aws:sns:ap-east-1:123456789012:diandan-alerts.fifo");
        assertEquals(ALERT.id(), request.messageDeduplicationId());
        assertEquals("weiyang", request.messageGroupId());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
