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
 * methods met on the way. The template side is the function's {@code Policies}: only explicit statements may
 * grant DynamoDB actions (a SAM policy template such as DynamoDBCrudPolicy or DynamoDBReadPolicy brings Scan and
 * others no handler calls), and only on the table and its indexes.
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
        ReachableDynamoDbCalls.Reach reach;
        try {
            reach = new ReachableDynamoDbCalls(List.of(ReachableDynamoDbCalls.classesOf(Class.forName(handlerClass)),
                    ReachableDynamoDbCalls.classesOf(DynamoDb.class))).reach(handlerClass);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no handler class " + handlerClass, e);
        }
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
}
