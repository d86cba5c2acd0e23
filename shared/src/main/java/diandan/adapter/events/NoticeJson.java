package diandan.adapter.events;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.domain.notify.Recipient;

/** A notice as stored while it waits out quiet hours: the event, the recipient's role and subject, the variables. */
public final class NoticeJson {
    private NoticeJson() {
    }

    public static String write(Notice notice) {
        ObjectNode json = Json.object();
        json.set("event", EventDetail.of(notice.event()));
        json.put("role", notice.to().role().code());
        if (notice.to().sub() != null) {
            json.put("sub", notice.to().sub());
        }
        json.put("template", notice.template().code());
        ObjectNode variables = json.putObject("variables");
        notice.variables().forEach(variables::put);
        return Json.write(json);
    }

    /** @throws IllegalStateException when the text is not what {@link #write} makes (only it writes these) */
    public static Notice read(String text) {
        try {
            JsonNode json = Json.read(text);
            Map<String, String> variables = new LinkedHashMap<>();
            json.path("variables").fields().forEachRemaining(field -> variables.put(field.getKey(), field.getValue().asText()));
            Recipient.Role role = Recipient.Role.valueOf(json.path("role").asText().toUpperCase(java.util.Locale.ROOT));
            return new Notice(EventDetail.parse(json.path("event")),
                    new Recipient(role, json.hasNonNull("sub") ? json.get("sub").asText() : null),
                    MessageTemplate.parse(json.path("template").asText()).orElseThrow(), variables);
        } catch (JacksonException | IllegalArgumentException | java.util.NoSuchElementException stored) {
            throw new IllegalStateException("a held notice that was not written as one", stored);
        }
    }
}
