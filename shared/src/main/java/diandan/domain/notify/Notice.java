package diandan.domain.notify;

import java.util.Map;

/** One message due: an event, told to one recipient with one template and its variables. */
public record Notice(DomainEvent event, Recipient to, MessageTemplate template, Map<String, String> variables) {
    public Notice {
        variables = Map.copyOf(variables);
    }

    /** The delivery's id: one per event per recipient, whatever repeats. */
    public String deliveryId() {
        return event.id() + "#" + to.key();
    }

    public String text() {
        return template.render(variables);
    }
}
