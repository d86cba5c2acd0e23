package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import diandan.devkit.RepoRoot;
import diandan.devkit.Template;

class ApiDescriptionTest {
    static final Path ROOT = RepoRoot.find();
    final HttpClient http = HttpClient.newHttpClient();

    static ApiRoutes templateRoutes() {
        return new ApiRoutes(Template.load().routes().stream()
                .map(route -> new ApiRoutes.Route(route.functionId(), route.method(), route.path(), null)).toList());
    }

    @Test
    void noTemplateRouteClaimsTheDescriptionsPaths() {
        ApiRoutes routes = templateRoutes();
        for (String path : List.of(ApiDescription.YAML_PATH, ApiDescription.CONTEXT)) {
            for (String method : List.of("GET", "HEAD")) {
                assertTrue(routes.match(method, path).isEmpty(), method + " " + path + " is a template route");
            }
        }
    }

    @Test
    void servesTheFileAndAPageOfItsOperationsAndPassesAllElseToTheApi() throws Exception {
        HttpServer server = serve(templateRoutes());
        try {
            HttpResponse<String> yaml = get(server, "GET", ApiDescription.YAML_PATH);
            assertEquals(200, yaml.statusCode());
            assertEquals("application/yaml; charset=utf-8", yaml.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(Files.readString(ROOT.resolve(ApiDescription.FILE), StandardCharsets.UTF_8), yaml.body());

            HttpResponse<String> page = get(server, "GET", ApiDescription.CONTEXT);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<code>POST /requests/{id}/cancel</code>"), page.body());
            assertTrue(page.body().contains("href=\"/openapi.yaml\""));
            assertTrue(!page.body().contains("<script") && !page.body().contains("<link"), "nothing loaded from elsewhere");

            for (String[] other : List.of(new String[] {"POST", ApiDescription.YAML_PATH},
                    new String[] {"GET", "/openapi.yamlx"}, new String[] {"GET", "/openapi/x"})) {
                HttpResponse<String> passed = get(server, other[0], other[1]);
                assertEquals(299, passed.statusCode(), other[0] + " " + other[1]);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givesWayToATemplateRouteOnTheSamePath() throws Exception {
        HttpServer server = serve(ApiRoutesTest.routes("GET /{name}"));
        try {
            assertEquals(299, get(server, "GET", ApiDescription.YAML_PATH).statusCode());
            assertEquals(299, get(server, "GET", ApiDescription.CONTEXT).statusCode());
        } finally {
            server.stop(0);
        }
    }

    /** The description in front of a stand-in API that answers 299. */
    static HttpServer serve(ApiRoutes routes) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(ApiDescription.CONTEXT, new ApiDescription(ROOT, routes,
                exchange -> Exchanges.sendJson(exchange, 299, Map.of(), "{}")));
        server.start();
        return server;
    }

    HttpResponse<String> get(HttpServer server, String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
