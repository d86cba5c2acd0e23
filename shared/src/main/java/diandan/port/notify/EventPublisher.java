package diandan.port.notify;

import java.util.List;

import diandan.domain.notify.DomainEvent;

/** Puts domain events on the event bus. The stored request stays the truth whatever happens here. */
public interface EventPublisher {
    /** Publishes all of them or throws: the caller keeps them in the outbox and retries later. */
    void publish(List<DomainEvent> events);
}
