package diandan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The web console on the API's origin: {@code GET} and {@code HEAD} of a path no template route claims are
 * answered from {@code console/site/} ({@code /} and any folder by its {@code index.html}), so a page never
 * shadows a route and the console calls the API without CORS. {@code /config.json} is the stack's own: the API
 * on this origin and the local sign-in ({@link LocalSignIn}); in AWS the deployment writes that file. A path
 * with a {@code .} or {@code ..} segment, a backslash, a file of a type not listed here or outside the folder
 * (through a link too) is not served: it goes on to the API, which answers 404 as API Gateway does.
 */
final class ConsoleSite implements HttpHandler {
    static final String DIRECTORY = "console/site";
    static final String CONFIG_PATH = "/config.json";
    static final String LOCAL_CONFIG = "{\"apiBase\":\"\",\"signIn\":\"local\"}";
    static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final Path site;
    private final ApiRoutes routes;
    private final HttpHandler api;

    ConsoleSite(Path root, ApiRoutes routes, HttpHandler api) {
        this.site = root.resolve(DIRECTORY).toAbsolutePath().normalize();
        this.routes = routes;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        boolean ours = (method.equals("GET") || method.equals("HEAD")) && routes.match(method, rawPath).isEmpty();
        if (ours && rawPath.equals(CONFIG_PATH)) {
            send(exchange, "json", LOCAL_CONFIG.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path file = ours ? file(exchange.getRequestURI().getPath()) : null;
        if (file == null) {
            api.handle(exchange);
        } else {
            send(exchange, extension(file), Files.readAllBytes(file));
        }
    }

    private static void send(HttpExchange exchange, String extension, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(extension));
        // pages change with the code under them: the browser asks again each time (cheap on one machine)
        Exchanges.send(exchange, 200, Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"), body);
    }

    /** The site's file a (decoded) path names, or null when it names none that may be served. */
    Path file(String path) {
        if (path == null || !path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            return null;
        }
        String relative = path.endsWith("/") ? path.substring(1) + "index.html" : path.substring(1);
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return null;
            }
        }
        Path file = site.resolve(relative).normalize();
        if (!file.startsWith(site) || !TYPES.containsKey(extension(file)) || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return file.toRealPath().startsWith(site.toRealPath()) ? file : null;
        } catch (IOException gone) {
            return null;
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
