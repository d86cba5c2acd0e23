package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import diandan.devkit.Template;

/**
 * What template.yaml lets a function do on DynamoDB, as "action on resource" strings: {@code dynamodb:GetItem on
 * table}, {@code dynamodb:Query on index/ByTeam}. Read from the explicit statements of the function's
 * {@code Policies} (those under a condition too); a DynamoDB grant on anything but the table or one of its
 * indexes, or by a wildcard, fails the reading.
 */
final class DynamoDbGrants {
    private DynamoDbGrants() {
    }

    static Set<String> of(Template template, String functionId) {
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> statement : statementsOf(template, functionId)) {
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

    /** The function's {@code Policies}: statements, policy templates, managed policies' names. */
    static List<Object> policiesOf(Template template, String functionId) {
        return list(template.properties(functionId).get("Policies"));
    }

    /** The names of the table's indexes. */
    static List<String> indexes(Template template) {
        return list(template.properties("Table").get("GlobalSecondaryIndexes")).stream()
                .map(index -> (String) map(index).get("IndexName")).toList();
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

    private static List<Map<String, Object>> statementsOf(Template template, String functionId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : policiesOf(template, functionId)) {
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

    private static List<String> strings(Object value) {
        return list(value).stream().map(v -> {
            if (!(v instanceof String s)) {
                return fail("an action must be a plain string: " + v);
            }
            return s;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
