package diandan.devkit;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml read as data: the single source of truth for the table, the functions, their handlers,
 * environment, routes and schedules. Short-form intrinsic functions ({@code !Ref X}) are read into their
 * long form ({@code {Ref: X}}) so that nothing is lost.
 */
public final class Template {
    /** An HTTP API route of a function: method and path with {@code {params}}. */
    public record Route(String functionId, String method, String path) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** A schedule event of a function, e.g. {@code rate(1 minute)}. */
    public record Schedule(String functionId, String eventId, String expression) {
    }

    /** A function as the template declares it, with Globals merged in. */
    public record Function(String logicalId, String handler, String codeUri, Map<String, Object> environment,
                           int timeoutSeconds) {
        public String handlerClass() {
            return handler.substring(0, handler.indexOf("::"));
        }

        public String handlerMethod() {
            return handler.substring(handler.indexOf("::") + 2);
        }
    }

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load(Path file) {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new IntrinsicFunctions(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Template(yaml.load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static Template load() {
        return load(RepoRoot.find().resolve("template.yaml"));
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        return map(Objects.requireNonNull(resources().get(logicalId), "no resource " + logicalId));
    }

    public String typeOf(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    /** Logical ids of the resources of a type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, body) -> {
            if (type.equals(map(body).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    public Object parameterDefault(String name) {
        Map<String, Object> parameters = map(root.get("Parameters"));
        return parameters.containsKey(name) ? map(parameters.get(name)).get("Default") : null;
    }

    /** The declaration of a condition of {@code Conditions}; null when the template declares none so named. */
    public Object condition(String name) {
        return map(root.get("Conditions")).get(name);
    }

    /** A property every function gets from {@code Globals: Function} (MemorySize, Architectures, ...); null if unset. */
    public Object globalFunctionProperty(String name) {
        return map(map(root.get("Globals")).get("Function")).get(name);
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> props = properties(id);
            Map<String, Object> env = new LinkedHashMap<>(variables(globals));
            env.putAll(variables(props));
            Object timeout = props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3));
            functions.add(new Function(id, (String) props.get("Handler"), (String) props.get("CodeUri"), env,
                    ((Number) timeout).intValue()));
        }
        return functions;
    }

    public Function function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in template.yaml"));
    }

    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        forEachEvent("HttpApi", (functionId, eventId, props) ->
                routes.add(new Route(functionId, ((String) props.get("Method")).toUpperCase(), (String) props.get("Path"))));
        return routes;
    }

    public List<Schedule> schedules() {
        List<Schedule> schedules = new ArrayList<>();
        forEachEvent("Schedule", (functionId, eventId, props) ->
                schedules.add(new Schedule(functionId, eventId, (String) props.get("Schedule"))));
        return schedules;
    }

    /** A function's {@code EventBridgeRule} event: the bus it listens on and the pattern an event must match. */
    public record BusRule(String functionId, String eventId, Object bus, Map<String, Object> pattern) {
    }

    public List<BusRule> busRules() {
        List<BusRule> rules = new ArrayList<>();
        forEachEvent("EventBridgeRule", (functionId, eventId, props) ->
                rules.add(new BusRule(functionId, eventId, props.get("EventBusName"), map(props.get("Pattern")))));
        return rules;
    }

    private interface EventVisitor {
        void visit(String functionId, String eventId, Map<String, Object> properties);
    }

    private void forEachEvent(String type, EventVisitor visitor) {
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            map(properties(id).get("Events")).forEach((eventId, body) -> {
                Map<String, Object> event = map(body);
                if (type.equals(event.get("Type"))) {
                    visitor.visit(id, eventId, map(event.get("Properties")));
                }
            });
        }
    }

    private static Map<String, Object> variables(Map<String, Object> functionProps) {
        return map(map(functionProps.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** Reads {@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub s}, {@code !If [...]} ... into their long forms. */
    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions(LoaderOptions options) {
            super(options);
            for (String name : List.of("Ref", "GetAtt", "Sub", "If", "Not", "Equals", "And", "Or", "Select", "Split",
                    "Join", "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "Condition")) {
                String longName = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                yamlConstructors.put(new Tag("!" + name), new LongForm(longName));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String longName;

            LongForm(String longName) {
                this.longName = longName;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = scalar.getValue();
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(longName, value);
            }
        }
    }
}
