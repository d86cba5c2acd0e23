package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import diandan.devkit.Template;

class ApiRoutesTest {
    static ApiRoutes routes(String... routeKeys) {
        return new ApiRoutes(java.util.Arrays.stream(routeKeys).map(key -> key.split(" ", 2))
                .map(parts -> new ApiRoutes.Route("Fn", parts[0], parts[1], null)).toList());
    }

    @Test
    void prefersLiteralSegmentsThenVariablesThenGreedyThenDefault() {
        ApiRoutes routes = routes("GET /requests/{id}", "GET /requests/mine", "ANY /files/{path+}", "ANY $default");
        assertEquals("GET /requests/mine", routes.match("GET", "/requests/mine").orElseThrow().route().routeKey());
        ApiRoutes.Match byId = routes.match("GET", "/requests/r%2F1").orElseThrow();
        assertEquals("GET /requests/{id}", byId.route().routeKey());
        assertEquals(Map.of("id", "r/1"), byId.pathParameters());
        assertEquals(Map.of("path", "a/b c+d"), routes.match("PUT", "/files/a/b%20c+d").orElseThrow().pathParameters());
        assertEquals("$default", routes.match("POST", "/requests/r1").orElseThrow().route().routeKey());
    }

    @Test
    void matchesMethodAndWholePathOnly() {
        ApiRoutes routes = routes("GET /requests/{id}", "POST /requests");
        assertTrue(routes.match("DELETE", "/requests/r1").isEmpty());
        assertTrue(routes.match("GET", "/requests/r1/cancel").isEmpty());
        assertTrue(routes.match("GET", "/requests/").isEmpty());
        assertNull(routes.match("POST", "/requests").orElseThrow().pathParameters());
    }

    @Test
    void readsEveryRouteOfTheTemplateWithItsAuthorizer() {
        Template template = Template.load();
        JwtAuthorizer jwt = new JwtAuthorizer(null, LocalAccount.JWT_ISSUER, List.of(LocalAccount.JWT_AUDIENCE));
        ApiRoutes routes = ApiRoutes.fromTemplate(template, Map.of("HttpApi", Map.of("JwtAuthorizer", jwt)));
        assertEquals(template.routes().size(), routes.all().size());
        assertTrue(routes.all().stream().allMatch(route -> route.authorizer() == jwt));
        assertEquals("IntakeFunction", routes.match("POST", "/requests/r1/cancel").orElseThrow().route().functionId());
    }
}
