package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            Set<String> granted = grantedTo(function.logicalId());
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
            for (Object policy : policiesOf(function.logicalId())) {
                if (policy instanceof String name) {
                    assertFalse(name.contains("DynamoDB"), function.logicalId() + " has the managed policy " + name);
                } else {
                    map(policy).keySet().forEach(name -> assertFalse(name.startsWith("DynamoDB"),
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
            for (String index : indexes()) {
                if (reach.strings().contains(index)) {
                    needed.add("dynamodb:Query on index/" + index);
                }
            }
        }
        return needed;
    }

    private static List<String> indexes() {
        return list(TEMPLATE.properties("Table").get("GlobalSecondaryIndexes")).stream()
                .map(index -> (String) map(index).get("IndexName")).toList();
    }

    /** "action on resource" for the DynamoDB actions of the function's statements, on the table or an index only. */
    private static Set<String> grantedTo(String functionId) {
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> statement : statementsOf(functionId)) {
            List<String> actions = strings(statement.get("Action"));
            if (actions.stream().noneMatch(a -> a.startsWith("dynamodb:"))) {
                continue;
            }
            assertEquals("Allow", statement.get("Effect"), functionId + ": " + statement);
            assertTrue(actions.stream().allMatch(a -> a.startsWith("dynamodb:") && !a.contains("*")),
                    functionId + ": a statement grants named DynamoDB actions only, " + statement);
            for (Object resource : list(statement.get("Resource"))) {
                String on = onTable(resource);
                if (on == null) {
                    fail(functionId + ": DynamoDB actions on the table and its indexes only, not " + resource);
                }
                actions.forEach(a -> granted.add(a + " on " + on));
            }
        }
        return granted;
    }

    /** {@code table} for the table's ARN, {@code index/Name} for an index's; null for anything else. */
    private static String onTable(Object resource) {
        if (resource.equals(Map.of("Fn::GetAtt", "Table.Arn"))) {
            return "table";
        }
        if (resource instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String arn
                && arn.startsWith("${Table.Arn}/index/")) {
            return arn.substring("${Table.Arn}/".length());
        }
        return null;
    }

    /** Every statement of the function's policies, those under a condition ({@code !If}) included. */
    private static List<Map<String, Object>> statementsOf(String functionId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : policiesOf(functionId)) {
            collectStatements(policy, statements);
        }
        return statements;
    }

    private static void collectStatements(Object policy, List<Map<String, Object>> into) {
        if (policy instanceof List<?> branches) {
            branches.forEach(b -> collectStatements(b, into));
        } else if (policy instanceof Map<?, ?> m) {
            if (m.containsKey("Fn::If")) {
                collectStatements(m.get("Fn::If"), into);
            } else if (m.containsKey("Statement")) {
                list(m.get("Statement")).forEach(s -> into.add(map(s)));
            }
        }
    }

    private static List<Object> policiesOf(String functionId) {
        return list(TEMPLATE.properties(functionId).get("Policies"));
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(v -> {
            if (!(v instanceof String s)) {
                return fail("an action must be a plain string: " + v);
            }
            return s;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
