package diandan.notifier;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.events.EventDetail;
import diandan.adapter.log.Log;
import diandan.adapter.log.Metrics;
import diandan.app.notify.Notifier;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.MessageChannel;
import diandan.port.StorageUnavailableException;
import diandan.port.notify.MessageSender;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * NotifierFunction: the bus's rules hand it the desk's events, one per invocation, and it tells the people each
 * concerns ({@link Notifier}); its schedule sends the messages whose quiet hours are over. An event whose
 * messages failed on every way fails the invocation, so that Lambda retries it and then hands it to the
 * dead-letter queue. Logs carry ids, codes and counts, never an address.
 */
public final class NotifierHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {
    static final String FUNCTION = "NotifierFunction";
    /** Messages sent, held for quiet hours, unreachable (no way to the person), and events that failed. */
    private static final Map<String, Metrics.Unit> NOTIFY_METRICS = Map.of("sent", Metrics.Unit.COUNT,
            "held", Metrics.Unit.COUNT, "unreachable", Metrics.Unit.COUNT, "deliveryFailures", Metrics.Unit.COUNT);
    private final NotifierWiring wiring;
    private final Notifier notifier;

    public NotifierHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    /** With the channels of the environment ({@link Channels}). */
    public NotifierHandler(DynamoDbClient client, String table, Clock clock) {
        this(client, table, clock, Channels.fromEnvironment());
    }

    public NotifierHandler(DynamoDbClient client, String table, Clock clock, Map<MessageChannel, MessageSender> senders) {
        this.wiring = new NotifierWiring(client, table, clock, senders);
        this.notifier = wiring.notifier;
        Core.getGlobalContext().register(this);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String eventId = event.getId() == null ? "-" : event.getId();
        Map<String, Object> summary = new LinkedHashMap<>();
        Notifier.Result result;
        if (EventDetail.SOURCE.equals(event.getSource())) {
            DomainEvent domainEvent;
            try {
                domainEvent = EventDetail.parse(event.getDetail() == null ? Map.of() : event.getDetail());
            } catch (IllegalArgumentException malformed) {
                // no retry makes it readable: log it and let it go
                Log.error("not a desk event: " + malformed.getMessage(), eventId, malformed);
                summary.put("ignored", 1);
                return summary;
            }
            summary.put("event", domainEvent.id());
            summary.put("type", domainEvent.type().code());
            result = counted(() -> notifier.handle(domainEvent), eventId);
        } else {
            summary.put("release", "held");
            result = counted(notifier::releaseHeld, eventId);
        }
        summary.put("sent", result.sent());
        summary.put("held", result.held());
        summary.put("duplicates", result.duplicates());
        summary.put("unreachable", result.unreachable());
        ObjectNode line = Log.summaryLine("INFO", "notified", eventId, summary);
        line.put("function", FUNCTION);
        line.put("deliveryFailures", 0);
        Log.emit(Metrics.attach(line, List.of(List.of("function")), NOTIFY_METRICS));
        return summary;
    }

    /**
     * A run the store fails, or whose message failed on every way, fails the invocation (EventBridge retries it,
     * then the dead-letter queue keeps it), counted first: as a storage fault, or as a delivery failure.
     */
    private Notifier.Result counted(Supplier<Notifier.Result> run, String eventId) {
        try {
            return run.get();
        } catch (StorageUnavailableException fault) {
            Log.storageFault(FUNCTION, eventId, fault);
            throw fault;
        } catch (Notifier.DeliveryFailedException failed) {
            ObjectNode line = Log.line("ERROR", "delivery failed: " + failed.getMessage(), eventId);
            line.put("function", FUNCTION);
            line.put("deliveryFailures", 1);
            Log.emit(Metrics.attach(line, List.of(List.of("function")), Map.of("deliveryFailures", Metrics.Unit.COUNT)));
            throw failed;
        }
    }

    /** Primes the reads of an event (the registry) without sending anything: a checkpoint must not act. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            wiring.desk.registry.get();
        } catch (RuntimeException e) {
            Log.error("priming failed", "priming", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK clients reconnect on first use, the WeChat token is fetched when needed
    }
}
