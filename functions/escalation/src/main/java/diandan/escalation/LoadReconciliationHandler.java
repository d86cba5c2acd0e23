package diandan.escalation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.log.Log;
import diandan.app.escalation.LoadReconciliation;
import diandan.domain.Team;
import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * LoadReconciliationFunction: on its schedule, repairs the teams' loads a crash left off by one
 * ({@link LoadReconciliation}), and logs and returns what it checked and repaired. The event's time plays no
 * part: what is right is what the requests say now.
 */
public final class LoadReconciliationHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {
    private final LoadReconciliationWiring wiring;

    public LoadReconciliationHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    /** @param clock the wall clock: the time budget, and when the repairs are recorded */
    public LoadReconciliationHandler(DynamoDbClient client, String table, Clock clock) {
        this.wiring = new LoadReconciliationWiring(client, table, clock);
        Core.getGlobalContext().register(this);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String eventId = event.getId() == null ? "-" : event.getId();
        LoadReconciliation.Result result;
        try {
            result = wiring.reconciliation.run();
        } catch (StorageUnavailableException fault) {
            // the invocation fails and EventBridge retries it; each repair made so far stands on its own
            Log.storageFault("LoadReconciliationFunction", eventId, fault);
            throw fault;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("teams", result.teams());
        summary.put("teamsChecked", result.teamsChecked());
        summary.put("teamsRepaired", result.teamsRepaired());
        summary.put("countedAdded", result.countedAdded());
        summary.put("countedRemoved", result.countedRemoved());
        summary.put("totalDelta", result.totalDelta());
        summary.put("complete", result.complete());
        Log.summary(result.teamsRepaired() > 0 ? "WARN" : "INFO", "team loads reconciled", eventId, summary);
        return summary;
    }

    /**
     * Primes a run's reads (the registry, one team's load and index partition) without repairing anything: a
     * checkpoint taken at deploy time must not act on the table.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            wiring.desk.registryStore.contents().teams().stream().map(Team::id).findFirst().ifPresent(team -> {
                wiring.desk.loads.counted(team);
                wiring.desk.requests.listedWithTeam(team);
            });
        } catch (RuntimeException e) {
            Log.error("priming failed", "priming", e);
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK clients reconnect on first use
    }
}
