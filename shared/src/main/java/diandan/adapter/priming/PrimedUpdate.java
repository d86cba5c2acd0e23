package diandan.adapter.priming;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An UpdateItem applied, while priming, to the item as priming last saw it, so that what the code reads after its
 * write looks written: {@code SET} of a value, of an attribute plus or minus a number, or of
 * {@code if_not_exists}; {@code REMOVE}. What else an expression says ({@code ADD}, {@code list_append}, ...) is
 * left as it was: a primed answer needs the item's shape, not its exact values.
 */
final class PrimedUpdate {
    private static final Pattern CLAUSE = Pattern.compile("\\b(SET|REMOVE|ADD|DELETE)\\b");
    private static final Pattern SUM = Pattern.compile("(\\S+)\\s*([+-])\\s*(\\S+)");
    private static final Pattern IF_NOT_EXISTS = Pattern.compile("if_not_exists\\(\\s*([^,\\s]+)\\s*,\\s*(\\S+?)\\s*\\)");

    private final JsonNode call;

    private PrimedUpdate(JsonNode call) {
        this.call = call;
    }

    /** {@code item} after the UpdateItem {@code call} (the request's JSON), as a new item. */
    static ObjectNode apply(JsonNode call, JsonNode item) {
        ObjectNode updated = item.deepCopy();
        new PrimedUpdate(call).applyTo(updated);
        return updated;
    }

    private void applyTo(ObjectNode item) {
        String expression = call.path("UpdateExpression").asText("");
        Matcher clauses = CLAUSE.matcher(expression);
        List<int[]> starts = new ArrayList<>();
        while (clauses.find()) {
            starts.add(new int[] {clauses.start(), clauses.end()});
        }
        for (int i = 0; i < starts.size(); i++) {
            String verb = expression.substring(starts.get(i)[0], starts.get(i)[1]);
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : expression.length();
            for (String action : topLevel(expression.substring(starts.get(i)[1], end))) {
                if (verb.equals("SET") && action.contains("=")) {
                    String name = name(action.substring(0, action.indexOf('=')).trim());
                    JsonNode value = value(action.substring(action.indexOf('=') + 1).trim(), item);
                    if (value != null) {
                        item.set(name, value);
                    }
                } else if (verb.equals("REMOVE")) {
                    item.remove(name(action.trim()));
                }
            }
        }
    }

    private JsonNode value(String operand, ObjectNode item) {
        Matcher ifNotExists = IF_NOT_EXISTS.matcher(operand);
        if (ifNotExists.matches()) {
            JsonNode existing = item.get(name(ifNotExists.group(1)));
            return existing != null ? existing : value(ifNotExists.group(2), item);
        }
        Matcher sum = SUM.matcher(operand);
        if (sum.matches()) {
            JsonNode left = value(sum.group(1), item);
            JsonNode right = value(sum.group(3), item);
            if (left == null || right == null || !left.has("N") || !right.has("N")) {
                return null;
            }
            BigDecimal a = new BigDecimal(left.path("N").asText());
            BigDecimal b = new BigDecimal(right.path("N").asText());
            ObjectNode number = item.objectNode();
            number.put("N", (sum.group(2).equals("+") ? a.add(b) : a.subtract(b)).toPlainString());
            return number;
        }
        if (operand.startsWith(":")) {
            return call.path("ExpressionAttributeValues").get(operand);
        }
        return operand.contains("(") ? null : item.get(name(operand));
    }

    private String name(String path) {
        return path.startsWith("#") ? call.path("ExpressionAttributeNames").path(path).asText(path) : path;
    }

    /** The comma-separated actions of a clause, commas inside a function's parentheses kept. */
    private static List<String> topLevel(String clause) {
        List<String> actions = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                actions.add(clause.substring(from, i).trim());
                from = i + 1;
            }
        }
        if (!clause.substring(from).isBlank()) {
            actions.add(clause.substring(from).trim());
        }
        return actions;
    }
}
