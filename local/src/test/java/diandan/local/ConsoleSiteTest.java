package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import diandan.adapter.json.Json;

class ConsoleSiteTest {
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;

    /** A site of a page, a script and a secret beside the site folder, in front of a stand-in API answering 299. */
    HttpServer serve(ApiRoutes routes) throws Exception {
        Path site = Files.createDirectories(root.resolve(ConsoleSite.DIRECTORY));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>控制台</title>");
        Files.createDirectories(site.resolve("js"));
        Files.writeString(site.resolve("js/app.js"), "export const x = 1;");
        Files.writeString(site.resolve("notes.md"), "not a type the site serves");
        Files.writeString(root.resolve(ConsoleSite.DIRECTORY).getParent().resolve("secret.txt"), "outside");
        Files.createDirectories(site.resolve(".hidden"));
        Files.writeString(site.resolve(".hidden/a.js"), "hidden");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new ConsoleSite(root, routes,
                exchange -> Exchanges.sendJson(exchange, 299, Map.of(), "{}")));
        server.start();
        return server;
    }

    @Test
    void servesTheSiteWithItsContentTypesAndTheLocalConfig() throws Exception {
        HttpServer server = serve(ApiDescriptionTest.templateRoutes());
        try {
            HttpResponse<String> index = get(server, "GET", "/");
            assertEquals(200, index.statusCode());
            assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(index.body().contains("控制台"));
            assertEquals(index.body(), get(server, "GET", "/index.html").body());

            HttpResponse<String> script = get(server, "GET", "/js/app.js");
            assertEquals(200, script.statusCode());
            assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals(200, get(server, "HEAD", "/js/app.js").statusCode());

            HttpResponse<String> config = get(server, "GET", ConsoleSite.CONFIG_PATH);
            assertEquals(200, config.statusCode());
            assertEquals("", Json.read(config.body()).path("apiBase").asText("absent"));
            assertEquals("local", Json.read(config.body()).path("signIn").asText());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void noPathLeavesTheSiteFolderOrServesAHiddenOrUnlistedFile() throws Exception {
        HttpServer server = serve(ApiDescriptionTest.templateRoutes());
        try {
            for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/js/%2e%2e/%2e%2e/secret.txt",
                    "/js/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/.hidden/a.js", "/notes.md", "/js/", "/js//app.js",
                    "/missing.js", "/js/app.js%00.html")) {
                assertEquals(299, rawGet(server, path), path + " must go on to the API");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anApiRouteIsNeverShadowedAndOnlyReadsAreServed() throws Exception {
        HttpServer server = serve(ApiRoutesTest.routes("GET /js/{name}", "GET /"));
        try {
            assertEquals(299, get(server, "GET", "/js/app.js").statusCode());
            assertEquals(299, get(server, "GET", "/").statusCode());
        } finally {
            server.stop(0);
        }
        server = serve(ApiDescriptionTest.templateRoutes());
        try {
            assertEquals(299, get(server, "POST", "/index.html").statusCode());
            assertEquals(299, get(server, "DELETE", "/js/app.js").statusCode());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void noTemplateRouteClaimsTheConsolesPaths() {
        ApiRoutes routes = ApiDescriptionTest.templateRoutes();
        for (String path : List.of("/", "/index.html", ConsoleSite.CONFIG_PATH, "/js/app.js", "/css/console.css")) {
            assertTrue(routes.match("GET", path).isEmpty(), "GET " + path + " is a template route");
        }
    }

    HttpResponse<String> get(HttpServer server, String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET sent byte for byte, so that no client tidies the path first. */
    static int rawGet(HttpServer server, String path) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
