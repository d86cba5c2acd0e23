package diandan.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import diandan.devkit.Template;

/**
 * Resolves the template's values as CloudFormation would for the local account: {@code Ref} to a parameter
 * (local value, else its default), to a pseudo parameter or to a resource (its local physical name), and
 * {@code Fn::Sub} over those, {@code Fn::If} by its condition ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And},
 * {@code Fn::Or}, {@code Condition} over those values). Other intrinsic functions are refused by name, so that a
 * new one in the template is reported, not silently mangled.
 */
final class TemplateValues {
    /** Parameters without a usable default get these local values. */
    private static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "JwtIssuer", LocalAccount.JWT_ISSUER,
            "JwtAudience", LocalAccount.JWT_AUDIENCE);
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", LocalAccount.REGION,
            "AWS::AccountId", LocalAccount.ACCOUNT_ID,
            "AWS::StackName", LocalAccount.STACK_NAME,
            "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com");
    private static final String NO_VALUE = "AWS::NoValue";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;

    TemplateValues(Template template) {
        this.template = template;
    }

    /** The value as a string; empty for {@code AWS::NoValue}. */
    Optional<String> resolve(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> function && function.size() == 1) {
            Map.Entry<?, ?> only = function.entrySet().iterator().next();
            String name = String.valueOf(only.getKey());
            return switch (name) {
                case "Ref" -> ref(String.valueOf(only.getValue()));
                case "Fn::Sub" -> Optional.of(sub(only.getValue()));
                case "Fn::If" -> {
                    List<?> branches = (List<?>) only.getValue();
                    yield resolve(holds(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
                }
                default -> throw new NotResolvedLocally(name + " is not resolved by the local stack");
            };
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new NotResolvedLocally("a " + value.getClass().getSimpleName() + " is not a scalar value");
        }
        return Optional.of(String.valueOf(value));
    }

    /** Whether the template's condition of this name holds for the local parameters. */
    private boolean holds(String condition) {
        Object declared = template.condition(condition);
        if (declared == null) {
            throw new NotResolvedLocally("no condition " + condition + " in the template");
        }
        return evaluate(declared);
    }

    private boolean evaluate(Object expression) {
        Map.Entry<?, ?> only = ((Map<?, ?>) expression).entrySet().iterator().next();
        String name = String.valueOf(only.getKey());
        if (name.equals("Condition")) {
            return holds(String.valueOf(only.getValue()));
        }
        List<?> arguments = (List<?>) only.getValue();
        return switch (name) {
            case "Fn::Equals" -> resolve(arguments.get(0)).equals(resolve(arguments.get(1)));
            case "Fn::Not" -> !evaluate(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::evaluate);
            case "Fn::Or" -> arguments.stream().anyMatch(this::evaluate);
            default -> throw new NotResolvedLocally(name + " is not a condition function");
        };
    }

    private Optional<String> ref(String name) {
        if (name.equals(NO_VALUE)) {
            return Optional.empty();
        }
        if (PSEUDO_PARAMETERS.containsKey(name)) {
            return Optional.of(PSEUDO_PARAMETERS.get(name));
        }
        if (LOCAL_PARAMETERS.containsKey(name)) {
            return Optional.of(LOCAL_PARAMETERS.get(name));
        }
        if (template.resources().containsKey(name)) {
            return Optional.of(LocalAccount.physicalName(name));
        }
        Object fallback = template.parameterDefault(name);
        if (fallback == null) {
            throw new NotResolvedLocally("parameter " + name + " has no default and no local value");
        }
        return Optional.of(String.valueOf(fallback));
    }

    private String sub(Object argument) {
        String text;
        Map<?, ?> variables;
        if (argument instanceof List<?> pair && pair.size() == 2 && pair.get(1) instanceof Map<?, ?> given) {
            text = String.valueOf(pair.get(0));
            variables = given;
        } else {
            text = String.valueOf(argument);
            variables = Map.of();
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.contains(".") && !variables.containsKey(name)) {
                throw new NotResolvedLocally("Fn::Sub attribute ${" + name + "} is not resolved locally");
            }
            String resolved = variables.containsKey(name) ? resolve(variables.get(name)).orElse("") : ref(name).orElse("");
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}
