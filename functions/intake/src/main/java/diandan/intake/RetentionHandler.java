package diandan.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.adapter.Environment;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.dynamodb.DynamoKeptContacts;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.log.Log;
import diandan.app.retention.ContactErasure;
import diandan.domain.retention.ContactRetention;
import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * RetentionFunction: on its schedule, erases the contact data of the requests whose retention period
 * ({@code CONTACT_RETENTION_DAYS}) has ended ({@link ContactErasure}), and logs and returns what it did (ids and
 * counts only). "Now" is the clock's, never the event's time: a tick from the future must not erase early. An
 * event whose detail is {@code {"indexEnded": true}} (run by hand, once, after this function is first deployed)
 * first brings the requests that ended before the index existed into it, then erases what is due.
 */
public final class RetentionHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {
    /** The template's {@code ContactRetentionDays}. */
    static final String RETENTION_DAYS = "CONTACT_RETENTION_DAYS";

    private final ContactErasure erasure;
    private final DynamoKeptContacts kept;

    public RetentionHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    /** @param clock what "now" is: when retention periods end, and the time budget of a run */
    public RetentionHandler(DynamoDbClient client, String table, Clock clock) {
        this.kept = new DynamoKeptContacts(client, table);
        this.erasure = new ContactErasure(new DynamoRequestRepository(client, table), kept,
                new DynamoRegistryRepository(client, table), retention(), ContactErasure.Limits.STANDARD, clock);
        Core.getGlobalContext().register(this);
    }

    private static ContactRetention retention() {
        String days = Environment.get(RETENTION_DAYS);
        try {
            return ContactRetention.days(days == null || days.isBlank() ? ContactRetention.DEFAULT_DAYS
                    : Integer.parseInt(days.strip()));
        } catch (IllegalArgumentException notADayCount) {
            throw new IllegalStateException(RETENTION_DAYS + " must be a whole number of days, at least 1", notADayCount);
        }
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String eventId = event.getId() == null ? "-" : event.getId();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("retentionDays", erasure.retention().period().toDays());
        try {
            if (event.getDetail() != null && "true".equals(String.valueOf(event.getDetail().get("indexEnded")))) {
                ContactErasure.Indexed indexed = erasure.indexEnded();
                summary.put("districts", indexed.districts());
                summary.put("endedRead", indexed.read());
                summary.put("endedIndexed", indexed.indexed());
                summary.put("indexComplete", indexed.complete());
            }
            ContactErasure.Result result = erasure.eraseDue();
            summary.put("erased", result.erased().size());
            summary.put("failed", result.failed().size());
            summary.put("entriesRead", result.entriesRead());
            summary.put("requestsRead", result.requestsRead());
            summary.put("caughtUp", result.caughtUp());
            Log.summary(result.failed().isEmpty() ? "INFO" : "WARN", "contact data erased", eventId, summary);
            return summary;
        } catch (StorageUnavailableException fault) {
            // the invocation fails and EventBridge retries it; each erasure made so far stands on its own
            Log.error("storage unavailable: " + fault.getMessage(), eventId, fault);
            throw fault;
        }
    }

    /** Primes a run's reads (the index, a request) without erasing anything: nothing ended in 1970. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            kept.endedBy(Instant.EPOCH, null, 1);
        } catch (RuntimeException e) {
            Log.error("priming failed", "priming", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK client reconnects on first use
    }
}
