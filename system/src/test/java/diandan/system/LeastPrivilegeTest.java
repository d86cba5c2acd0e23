package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.devkit.Template;

/**
 * Least privilege, checked: every function of template.yaml is granted exactly the DynamoDB actions its handler's
 * code can call, no fewer (a path the tests never take would meet AccessDenied in production) and no more.
 *
 * <p>The calls are read from the code, not recorded while tests run: recording proves only the paths the suite
 * happens to take, and the rare ones matter most here (a storage fault's re-read, the settlement of an interrupted
 * submission, SnapStart's priming in beforeCheckpoint). {@link ReachableDynamoDbCalls} follows every call the
 * handler class can reach in its jar's classes (the function's module and shared) and names the DynamoDbClient
 * methods met on the way, and the index names its code holds (the code names indexes by constants only). The
 * template side is the function's {@code Policies}: only explicit statements may grant DynamoDB actions (a SAM
 * policy template such as DynamoDBCrudPolicy or DynamoDBReadPolicy brings Scan and others no handler calls), and
 * only on the table and its indexes ({@link DynamoDbGrants}).
 *
 * <p>The graph over-approximates (a method counts once reachable, whatever the input), so a grant may cover a
 * path no input takes; it never misses one. The other half is checked where the suite runs: every function in
 * {@link Deployment} gets a client that refuses what its statements do not grant ({@link GrantedClient}).
 * It also holds the load repair to the partition keys of its {@code dynamodb:LeadingKeys} condition
 * ({@link LoadRepairGrantsTest}).
 */
class LeastPrivilegeTest {
    private static final Template TEMPLATE = Template.load();

    @TestFactory
    Stream<DynamicTest> eachFunctionIsGrantedExactlyTheDynamoDbActionsItsCodeCalls() {
        return TEMPLATE.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Set<String> needed = neededBy(function.handlerClass());
            Set<String> granted = DynamoDbGrants.of(TEMPLATE, function.logicalId());
            Set<String> missing = new TreeSet<>(needed);
            missing.removeAll(granted);
            Set<String> unused = new TreeSet<>(granted);
            unused.removeAll(needed);
            assertTrue(missing.isEmpty() && unused.isEmpty(), function.logicalId() + " needs " + needed
                    + ", the template grants " + granted + ": missing " + missing + ", unused " + unused);
        }));
    }

    /** The checker itself: it sees the calls behind a lambda, an interface and a storage fault's re-read. */
    @Test
    void theCallsOfTheLoadRepairAreReadThroughInterfacesAndLambdas() {
        // LoadReconciliationHandler → LoadReconciliation → TeamLoadRepository (an interface) → the DynamoDB
        // adapter's lambdas inside Storage.call; the teams through RegistryCache; the team's requests on ByTeam
        assertEquals(Set.of("dynamodb:GetItem on table", "dynamodb:Query on table", "dynamodb:Query on index/ByTeam",
                "dynamodb:UpdateItem on table"), neededBy("diandan.escalation.LoadReconciliationHandler"));
    }

    /** The rare paths are in the graph: SnapStart's priming, a lost write's re-read, interrupted submissions. */
    @Test
    void theRarePathsAreReached() {
        for (Template.Function function : TEMPLATE.functions()) {
            Set<String> methods = reach(function.handlerClass()).methods();
            assertTrue(methods.contains(function.handlerClass() + ".beforeCheckpoint"), function.logicalId());
        }
        Set<String> intake = reach("diandan.intake.IntakeHandler").methods();
        assertTrue(intake.contains("diandan.adapter.dynamodb.Storage.holds"), "a write whose answer was lost");
        assertTrue(intake.contains("diandan.adapter.dynamodb.DynamoPendingSettlements.done"));
        Set<String> sweeper = reach("diandan.escalation.EscalationHandler").methods();
        assertTrue(sweeper.contains("diandan.app.request.RequestChanges.settleInterrupted"));
        assertTrue(sweeper.contains("diandan.adapter.dynamodb.DynamoPendingSettlements.done"));
        assertFalse(reach("diandan.assignment.AssignmentHandler").methods()
                .contains("diandan.app.request.RequestChanges.settleInterrupted"), "the graph is not everything");
    }

    @Test
    void noFunctionGetsDynamoDbThroughAPolicyTemplateOrAManagedPolicy() {
        for (Template.Function function : TEMPLATE.functions()) {
            for (Object policy : DynamoDbGrants.policiesOf(TEMPLATE, function.logicalId())) {
                if (policy instanceof String name) {
                    assertFalse(name.contains("DynamoDB"), function.logicalId() + " has the managed policy " + name);
                } else {
                    DynamoDbGrants.map(policy).keySet().forEach(name -> assertFalse(name.startsWith("DynamoDB"),
                            function.logicalId() + " has the policy template " + name
                                    + ": grant DynamoDB actions by an explicit Statement"));
                }
            }
        }
    }

    /**
     * "action on resource" for every DynamoDB action the handler's code can call, on the table; for Query also on
     * every index whose name its code holds. Query is counted on the table too, whether or not the code queries
     * the table itself: the calls alone do not tell, and a grant too many is safer than one too few.
     */
    private static Set<String> neededBy(String handlerClass) {
        ReachableDynamoDbCalls.Reach reach = reach(handlerClass);
        Set<String> needed = new TreeSet<>();
        for (String action : reach.actions()) {
            needed.add(action + " on table");
        }
        if (reach.actions().contains("dynamodb:Query")) {
            for (String index : DynamoDbGrants.indexes(TEMPLATE)) {
                if (reach.strings().contains(index)) {
                    needed.add("dynamodb:Query on index/" + index);
                }
            }
        }
        return needed;
    }

    /** What the handler class can reach in its jar: its module's classes and shared's. */
    private static ReachableDynamoDbCalls.Reach reach(String handlerClass) {
        try {
            return new ReachableDynamoDbCalls(List.of(ReachableDynamoDbCalls.classesOf(Class.forName(handlerClass)),
                    ReachableDynamoDbCalls.classesOf(DynamoDb.class))).reach(handlerClass);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no handler class " + handlerClass, e);
        }
    }
}
