package diandan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The API's description beside the API: {@code GET /openapi.yaml} serves {@code docs/openapi.yaml} as it is on
 * disk, {@code GET /openapi} a plain page listing its operations (nothing fetched from elsewhere). Every other
 * request under these paths, and these paths too if a template route ever claims them, goes to the HTTP API.
 */
final class ApiDescription implements HttpHandler {
    static final String CONTEXT = "/openapi";
    static final String YAML_PATH = "/openapi.yaml";
    static final String FILE = "docs/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final Path file;
    private final ApiRoutes routes;
    private final HttpHandler api;

    ApiDescription(Path root, ApiRoutes routes, HttpHandler api) {
        this.file = root.resolve(FILE);
        this.routes = routes;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        boolean ours = (method.equals("GET") || method.equals("HEAD"))
                && (path.equals(YAML_PATH) || path.equals(CONTEXT)) && routes.match(method, path).isEmpty();
        byte[] yaml;
        try {
            yaml = ours ? Files.readAllBytes(file) : null;
        } catch (NoSuchFileException absent) {
            yaml = null;
        }
        if (yaml == null) {
            api.handle(exchange);
        } else if (path.equals(YAML_PATH)) {
            exchange.getResponseHeaders().set("Content-Type", "application/yaml; charset=utf-8");
            Exchanges.send(exchange, 200, Map.of("Cache-Control", "no-store"), yaml);
        } else {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            Exchanges.send(exchange, 200, Map.of("Cache-Control", "no-store"),
                    page(yaml).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One row per operation, in the document's order: method, path, summary and who may call it. */
    static String page(byte[] yaml) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(yaml, StandardCharsets.UTF_8));
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>").append(escape(String.valueOf(map(document.get("info")).get("title"))))
                .append("</title><style>body{font-family:sans-serif;margin:2em}td{padding:.3em .8em;vertical-align:top}"
                        + "code{white-space:nowrap}</style></head><body>\n<h1>")
                .append(escape(String.valueOf(map(document.get("info")).get("title")))).append("</h1>\n<p>The whole "
                        + "description: <a href=\"").append(YAML_PATH).append("\">").append(YAML_PATH)
                .append("</a> (OpenAPI ").append(escape(String.valueOf(document.get("openapi"))))
                .append(").</p>\n<table>\n<tr><th>route</th><th>what</th><th>who and how</th></tr>\n");
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, value) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> operation = map(value);
                html.append("<tr><td><code>").append(method.toUpperCase()).append(' ').append(escape(path))
                        .append("</code></td><td>").append(escape(String.valueOf(operation.get("summary"))))
                        .append("</td><td>").append(escape(String.valueOf(operation.getOrDefault("description", ""))))
                        .append("</td></tr>\n");
            }
        }));
        return html.append("</table>\n</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }
}
