package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.Wiring;
import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The load repair is the one function whose writes are limited to some items (load items, by their partition
 * key): it repairs a load left off by one under exactly that grant, and the same grant refuses a write of
 * anything else.
 */
@ExtendWith(DynaliteExtension.class)
class LoadRepairGrantsTest {
    @Test
    void theRepairWritesLoadItemsOnlyAndItsGrantSuffices(LocalTable table) throws Exception {
        World world = new World(table);
        Wiring base = world.hours.wiring.base;
        // the team resolves a request and the call dies after the request's write, before the load's record
        ServiceRequest dispatched = base.requests.find(world.dispatchedRequest(world.newResident())).orElseThrow();
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader", world.hours.clock.instant());
        base.requests.replace(dispatched, accepted);
        base.requests.replace(accepted, RequestLifecycle.resolve(accepted, "leader", "done", world.hours.clock.instant()));
        int tooHigh = base.loads.load(World.SERVING_TEAM).openCount();

        JsonNode summary = Json.read(world.deployment.invoke("LoadReconciliationFunction",
                ApiEvents.schedule("reconcile-loads-tick.json")));

        assertTrue(summary.path("teamsRepaired").asInt() >= 1, summary.toString());
        assertEquals(tooHigh - 1, base.loads.load(World.SERVING_TEAM).openCount());
        List<DynamoDbGrants.Grant> grants = DynamoDbGrants.grants(world.deployment.template,
                "LoadReconciliationFunction");
        DynamoDbClient client = GrantedClient.of(table.client(), "LoadReconciliationFunction", grants);
        assertThrows(AssertionError.class, () -> client.updateItem(b -> b.tableName(table.name())
                .key(Map.of("pk", AttributeValue.fromS("REQ#" + dispatched.id()), "sk", AttributeValue.fromS("REQ")))
                .updateExpression("SET x = :x").expressionAttributeValues(Map.of(":x", AttributeValue.fromS("y")))),
                "a request is no load item");
    }
}
