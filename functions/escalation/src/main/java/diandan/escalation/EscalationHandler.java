package diandan.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.log.Log;
import diandan.adapter.log.Metrics;
import diandan.app.escalation.AlertOutbox;
import diandan.app.escalation.Sweeper;
import diandan.app.notify.EventOutbox;
import diandan.domain.SlaClock;
import diandan.port.StorageUnavailableException;
import diandan.port.escalation.AlertPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * EscalationFunction: the sweeper, run every minute by the schedule. "Now" is the scheduled event's time, so
 * that invoking it with an event of any time reproduces that moment. One sweep escalates what is due and closes
 * the resolved requests whose rating window has ended (bounded, resuming from the watermark), then publishes
 * the alerts waiting in the outbox.
 */
public final class EscalationHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {
    static final String FUNCTION = "EscalationFunction";
    /** The sweep's metrics: how far behind it runs (the alarm's), what it escalated by level, warned, closed, failed. */
    private static final Map<String, Metrics.Unit> SWEEP_METRICS = Map.of(
            "sweepLagSeconds", Metrics.Unit.SECONDS, "escalatedLevel1", Metrics.Unit.COUNT,
            "escalatedLevel2", Metrics.Unit.COUNT, "escalatedLevel3", Metrics.Unit.COUNT,
            "warned", Metrics.Unit.COUNT, "closed", Metrics.Unit.COUNT, "alertsRaised", Metrics.Unit.COUNT,
            "failed", Metrics.Unit.COUNT);
    private final EscalationWiring wiring;
    private final Clock wallClock;

    public EscalationHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    /** @param clock the wall clock: the sweep's time budget and the watermark's bound; never taken for "now" */
    public EscalationHandler(DynamoDbClient client, String table, Clock clock) {
        this(client, table, clock, SnsAlertPublisher.fromEnvironment(), Sweeper.Limits.STANDARD);
    }

    public EscalationHandler(DynamoDbClient client, String table, Clock clock, AlertPublisher publisher,
                             Sweeper.Limits limits) {
        this.wiring = new EscalationWiring(client, table, clock, publisher, limits);
        this.wallClock = clock;
        Core.getGlobalContext().register(this);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String eventId = event.getId() == null ? "-" : event.getId();
        if (event.getTime() == null) {
            throw new IllegalArgumentException("a scheduled event carries its time: it is the sweep's now");
        }
        Instant now = Instant.ofEpochMilli(event.getTime().getMillis());
        Sweeper.Result swept;
        AlertOutbox.Result published;
        EventOutbox.Result announced;
        try {
            swept = wiring.sweeper.sweep(now);
            published = wiring.outbox.drain();
            announced = wiring.desk.events.drain();
        } catch (StorageUnavailableException fault) {
            // the invocation fails and EventBridge retries it; the watermark and the outbox keep what was finished
            Log.storageFault(FUNCTION, eventId, fault);
            throw fault;
        }
        swept.failures().forEach(f -> Log.error("escalation of request " + f.requestId() + " failed", eventId, f.error()));
        if (published.failure() != null) {
            Log.error("publishing alerts failed; they stay in the outbox for the next sweep", eventId,
                    published.failure());
        }
        if (announced.failure() != null) {
            Log.error("publishing events failed; they stay in the outbox for the next sweep", eventId,
                    announced.failure());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("now", now.toString());
        summary.put("escalated", swept.escalations().size());
        summary.put("warned", swept.warnings().size());
        summary.put("closed", swept.closed().size());
        summary.put("alertsRaised", swept.alertsRaised());
        summary.put("alertsPublished", published.published());
        summary.put("submissionsSettled", published.settled());
        summary.put("eventsPublished", announced.published());
        summary.put("eventNotesDropped", announced.dropped());
        summary.put("entriesRead", swept.entriesRead());
        summary.put("requestsRead", swept.requestsRead());
        summary.put("bucketsRead", swept.bucketsRead());
        summary.put("failed", swept.failures().size());
        summary.put("caughtUp", swept.caughtUp());
        summary.put("watermark", swept.watermark() == null ? null : swept.watermark().toString());
        ObjectNode line = Log.summaryLine("INFO", "swept", eventId, summary);
        line.put("function", FUNCTION);
        for (SlaClock clock : SlaClock.values()) {
            line.put("escalatedLevel" + clock.escalationLevel, swept.escalations().stream().filter(e -> e.clock() == clock).count());
        }
        line.put("sweepLagSeconds", swept.lag(wallClock.instant()).toSeconds());
        Log.emit(Metrics.attach(line, List.of(List.of("function")), SWEEP_METRICS));
        return summary;
    }

    /**
     * Primes the sweep's reads (watermark, one due bucket, the outbox) without escalating anything: a
     * checkpoint taken at deploy time must not act on the table.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            Instant hour = wiring.desk.clock.instant().truncatedTo(ChronoUnit.HOURS);
            wiring.dueIndex.watermark();
            wiring.dueIndex.due(hour, 0, hour, null, 1);
            wiring.desk.alerts.awaitingPublication(1);
        } catch (RuntimeException e) {
            Log.error("priming failed", "priming", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK clients reconnect on first use
    }
}
