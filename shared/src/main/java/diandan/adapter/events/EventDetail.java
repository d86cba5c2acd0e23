package diandan.adapter.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;

/**
 * A domain event as JSON: the detail of a bus event, and its form in an outbox note. Ids and codes only; the
 * type travels as the bus event's detail type as well, so that rules can match on it.
 */
public final class EventDetail {
    /** The source of every event the desk puts on its bus. */
    public static final String SOURCE = "diandan.requests";

    private EventDetail() {
    }

    public static ObjectNode of(DomainEvent event) {
        ObjectNode json = Json.object();
        json.put("id", event.id());
        json.put("type", event.type().code());
        if (event.requestId() != null) {
            json.put("requestId", event.requestId());
        }
        if (event.recordId() != null) {
            json.put("recordId", event.recordId());
        }
        if (event.volunteerId() != null) {
            json.put("volunteerId", event.volunteerId());
        }
        if (event.teamId() != null) {
            json.put("teamId", event.teamId());
        }
        if (event.level() > 0) {
            json.put("level", event.level());
        }
        json.put("at", event.at().toString());
        return json;
    }

    /** The event a bus event's detail describes, as the Lambda runtime hands it over (a map of its fields). */
    public static DomainEvent parse(Map<String, ?> detail) {
        ObjectNode json = Json.object();
        detail.forEach((name, value) -> {
            if (value instanceof Number number) {
                json.put(name, number.longValue());
            } else if (value != null) {
                json.put(name, value.toString());
            }
        });
        return parse(json);
    }

    /**
     * The event a detail describes.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static DomainEvent parse(JsonNode json) {
        EventType type = EventType.parse(json.path("type").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + json.path("type")));
        String id = json.path("id").asText("");
        String requestId = json.path("requestId").asText("");
        String recordId = json.path("recordId").asText("");
        String volunteerId = json.path("volunteerId").asText("");
        if (id.isEmpty() || (type.aboutVolunteer() ? volunteerId : type.aboutHours() ? recordId : requestId).isEmpty()) {
            throw new IllegalArgumentException("an event names its id and its request (its hours record for hours,"
                    + " its volunteer for a star level)");
        }
        JsonNode team = json.get("teamId");
        try {
            boolean ofRequest = !type.aboutHours() && !type.aboutVolunteer();
            return new DomainEvent(id, type, ofRequest ? requestId : null,
                    team == null || team.isNull() ? null : team.asText(), json.path("level").asInt(0),
                    Instant.parse(json.path("at").asText()), type.aboutHours() ? recordId : null,
                    type.aboutVolunteer() ? volunteerId : null);
        } catch (DateTimeParseException badTime) {
            throw new IllegalArgumentException("an event's time is an ISO instant", badTime);
        }
    }
}
