package diandan.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docs/openapi.yaml} against {@code template.yaml}: the same routes, exactly, and a document an OpenAPI 3.1
 * tool can read (every operation answers, every {@code $ref} resolves, every path variable is declared).
 */
class OpenApiTest {
    static final Path FILE = RepoRoot.find().resolve("docs/openapi.yaml");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    static final String AUTHORIZATION_MATRIX = "system/src/test/resources/authorization.csv";
    static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    final Map<String, Object> document = load();

    static Map<String, Object> load() {
        try (Reader reader = Files.newBufferedReader(FILE)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
    }

    @Test
    void describesEveryRouteOfTheTemplateAndNoOther() {
        Set<String> template = new TreeSet<>();
        Template.load().routes().forEach(route -> template.add(route.routeKey()));
        Set<String> described = new TreeSet<>();
        operations((key, operation) -> described.add(key));
        Set<String> missing = new TreeSet<>(template);
        missing.removeAll(described);
        Set<String> extra = new TreeSet<>(described);
        extra.removeAll(template);
        assertEquals(Set.of(), missing, "routes of template.yaml missing from docs/openapi.yaml");
        assertEquals(Set.of(), extra, "routes in docs/openapi.yaml that template.yaml lacks");
    }

    @Test
    void isOpenApi31WithAnsweringOperationsAndUniqueIds() {
        assertTrue(String.valueOf(document.get("openapi")).matches("3\\.1\\.\\d+"), "openapi: 3.1.x");
        Map<String, Object> info = map(document.get("info"));
        assertTrue(info.get("title") instanceof String && info.get("version") instanceof String, "info.title, info.version");
        Set<String> ids = new HashSet<>();
        operations((key, operation) -> {
            Map<String, Object> responses = map(operation.get("responses"));
            assertFalse(responses.isEmpty(), key + " has no responses");
            responses.keySet().forEach(code -> assertTrue(code.matches("[1-5]\\d\\d|[1-5]XX|default"),
                    key + ": response code " + code));
            assertTrue(ids.add((String) operation.get("operationId")), key + ": missing or repeated operationId");
            assertTrue(String.valueOf(operation.get("description")).contains("**Who:**"),
                    key + ": the description says who may call it");
        });
    }

    @Test
    void anOpenApiParserReadsItWithoutComplaint() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(FILE.toUri().toString(), null, options);
        assertEquals(List.of(), result.getMessages());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertEquals(map(document.get("paths")).size(), result.getOpenAPI().getPaths().size());
    }

    @Test
    void declaresEveryPathVariableAsARequiredPathParameter() {
        map(document.get("paths")).forEach((path, item) -> {
            Set<String> variables = new TreeSet<>();
            Matcher matcher = PATH_VARIABLE.matcher(path);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            Map<String, Object> pathItem = map(item);
            pathItem.forEach((method, operation) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                Set<String> declared = new TreeSet<>();
                List<Object> parameters = new ArrayList<>(list(pathItem.get("parameters")));
                parameters.addAll(list(map(operation).get("parameters")));
                for (Object parameter : parameters) {
                    Map<String, Object> resolved = map(resolve(parameter));
                    if ("path".equals(resolved.get("in"))) {
                        assertEquals(Boolean.TRUE, resolved.get("required"), path + ": path parameters are required");
                        declared.add((String) resolved.get("name"));
                    }
                }
                assertEquals(variables, declared, method.toUpperCase() + " " + path + ": path parameters");
            });
        });
    }

    /** The authorization matrix of the system tests names, route by route, the statuses each caller gets. */
    @Test
    void declaresEveryStatusTheAuthorizationMatrixExpects() throws IOException {
        List<String> lines = Files.readAllLines(RepoRoot.find().resolve(AUTHORIZATION_MATRIX)).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        Map<String, Map<String, Object>> operations = new java.util.HashMap<>();
        operations(operations::put);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s*,\\s*");
            Map<String, Object> operation = operations.get(cells[0].strip());
            assertTrue(operation != null, "no operation for " + cells[0]);
            Set<String> declared = map(operation.get("responses")).keySet();
            for (int i = 3; i < cells.length; i++) {
                assertTrue(declared.contains(cells[i].strip()), cells[0] + " answers " + cells[i] + " in the matrix");
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "only references within the document: " + ref);
            assertTrue(pointer(ref) != null, "unresolved $ref " + ref);
        }
    }

    @Test
    void errorsAreProblemDocumentsWithTheirFields() {
        Map<String, Object> problem = map(pointer("#/components/schemas/Problem"));
        assertEquals(Set.of("type", "title", "status", "detail", "errors"), map(problem.get("properties")).keySet());
        Map<String, Object> item = map(map(map(problem.get("properties")).get("errors")).get("items"));
        assertEquals(Set.of("field", "message"), map(item.get("properties")).keySet());
        map(pointer("#/components/responses")).forEach((name, response) -> {
            Map<String, Object> content = map(map(response).get("content"));
            if (content.containsKey("application/problem+json")) {
                assertEquals("#/components/schemas/Problem",
                        map(map(content.get("application/problem+json")).get("schema")).get("$ref"), name);
            }
        });
    }

    /** Each operation by its route key, as the template writes it: {@code POST /requests/{id}/cancel}. */
    void operations(BiConsumer<String, Map<String, Object>> action) {
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                action.accept(method.toUpperCase() + " " + path, map(operation));
            }
        }));
    }

    Object resolve(Object node) {
        Object ref = map(node).get("$ref");
        return ref == null ? node : pointer((String) ref);
    }

    /** The node a {@code #/a/b} reference names, or null. */
    Object pointer(String ref) {
        Object node = document;
        for (String token : ref.substring(2).split("/")) {
            if (!(node instanceof Map<?, ?> object)) {
                return null;
            }
            node = object.get(token.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> object) {
            object.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add((String) value);
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> collectRefs(item, refs));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List<?> ? (List<Object>) node : List.of();
    }
}
