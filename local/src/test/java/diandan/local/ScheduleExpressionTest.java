package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;

class ScheduleExpressionTest {
    static final Instant START = Instant.parse("2026-11-28T09:30:20Z");

    static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression, START).next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void ratesCountFromTheStart() {
        assertEquals(Instant.parse("2026-11-28T09:31:20Z"), next("rate(1 minute)", "2026-11-28T09:30:20Z"));
        assertEquals(Instant.parse("2026-11-28T09:40:20Z"), next("rate(5 minutes)", "2026-11-28T09:37:00Z"));
        assertEquals(Instant.parse("2026-11-29T09:30:20Z"), next("rate(1 day)", "2026-11-28T10:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("rate(0 minutes)", START));
    }

    @Test
    void cronsRunInUtc() {
        assertEquals(Instant.parse("2026-11-29T02:00:00Z"), next("cron(0 2 * * ? *)", "2026-11-28T09:30:00Z"));
        assertEquals(Instant.parse("2026-11-30T08:15:00Z"), next("cron(15 8 ? * MON-FRI *)", "2026-11-28T09:30:00Z"));
        assertEquals(Instant.parse("2026-11-28T09:45:00Z"), next("cron(0/15 * * * ? *)", "2026-11-28T09:30:00Z"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("cron(0 0 1 JAN ? *)", "2026-11-28T09:30:00Z"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 0 L * ? *)", START));
    }

    @Test
    void firesTheEventEventBridgeSends() throws Exception {
        Schedules.Entry entry = new Schedules.Entry("EscalationFunction", "Sweep", "rate(1 minute)",
                ScheduleExpression.parse("rate(1 minute)", START), null);
        ScheduledEvent event = Schedules.event(entry, "id-1", Instant.parse("2026-11-28T09:31:20.123Z"));
        JsonNode json = Json.read(EventJson.write(event));
        assertEquals("2026-11-28T09:31:20.000Z", json.get("time").asText());
        assertEquals("Scheduled Event", json.get("detail-type").asText());
        assertEquals("aws.events", json.get("source").asText());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/diandan-local-EscalationFunctionSweep",
                json.get("resources").get(0).asText());
    }
}
