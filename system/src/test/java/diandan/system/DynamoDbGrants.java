package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import diandan.devkit.Template;

/**
 * What template.yaml lets a function do on DynamoDB, read from the explicit statements of the function's
 * {@code Policies} (those under a condition too): each action on the table or on one of its indexes, and the
 * partition keys it is limited to when its statement has a {@code dynamodb:LeadingKeys} condition. A DynamoDB
 * grant on anything but the table or its indexes, by a wildcard, or under another condition fails the reading.
 */
final class DynamoDbGrants {
    /**
     * One action on one resource: {@code dynamodb:GetItem} on {@code table}, {@code dynamodb:Query} on
     * {@code index/ByTeam}; on items whose partition key matches one of {@code leadingKeys} ({@code LOAD#*}), or on
     * any item when it is empty.
     */
    record Grant(String action, String resource, List<String> leadingKeys) {
        /** {@code dynamodb:Query on index/ByTeam} */
        String actionOnResource() {
            return action + " on " + resource;
        }

        boolean allowsPartition(String pk) {
            return leadingKeys.isEmpty() || leadingKeys.stream().anyMatch(pattern -> pk != null
                    && pk.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q")));
        }
    }

    private DynamoDbGrants() {
    }

    /** The function's grants as "action on resource" strings: {@code dynamodb:GetItem on table}. */
    static Set<String> of(Template template, String functionId) {
        Set<String> granted = new TreeSet<>();
        grants(template, functionId).forEach(g -> granted.add(g.actionOnResource()));
        return granted;
    }

    static List<Grant> grants(Template template, String functionId) {
        List<Grant> grants = new ArrayList<>();
        for (Map<String, Object> statement : statementsOf(template, functionId)) {
            List<String> actions = strings(statement.get("Action"));
            if (actions.stream().noneMatch(a -> a.startsWith("dynamodb:"))) {
                continue;
            }
            assertEquals("Allow", statement.get("Effect"), functionId + ": " + statement);
            assertTrue(actions.stream().allMatch(a -> a.startsWith("dynamodb:") && !a.contains("*")),
                    functionId + ": a statement grants named DynamoDB actions only, " + statement);
            List<String> leadingKeys = leadingKeys(functionId, statement.get("Condition"));
            for (Object resource : list(statement.get("Resource"))) {
                String on = onTable(resource);
                if (on == null) {
                    fail(functionId + ": DynamoDB actions on the table and its indexes only, not " + resource);
                }
                actions.forEach(a -> grants.add(new Grant(a, on, leadingKeys)));
            }
        }
        return grants;
    }

    /** The patterns of a {@code ForAllValues:StringLike dynamodb:LeadingKeys} condition; none without a condition. */
    private static List<String> leadingKeys(String functionId, Object condition) {
        if (condition == null) {
            return List.of();
        }
        Object like = map(condition).get("ForAllValues:StringLike");
        if (map(condition).size() != 1 || like == null || map(like).size() != 1
                || !map(like).containsKey("dynamodb:LeadingKeys")) {
            return fail(functionId + ": only a ForAllValues:StringLike dynamodb:LeadingKeys condition is understood here, "
                    + "not " + condition);
        }
        return strings(map(like).get("dynamodb:LeadingKeys"));
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
                return fail("an action or a key pattern must be a plain string: " + v);
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
