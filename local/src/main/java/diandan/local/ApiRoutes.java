package diandan.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.devkit.Template;

/**
 * The HTTP API's routes, read from the template's {@code HttpApi} events: method and path template
 * ({@code /requests/{id}}, greedy {@code {proxy+}}, {@code ANY}, {@code $default}), the function behind each,
 * and its JWT authorizer (the API's default unless the event says {@code Authorizer: NONE}). A request goes
 * to the most specific matching route, as API Gateway chooses.
 */
final class ApiRoutes {
    static final String DEFAULT_ROUTE = "$default";

    /** One route; {@code authorizer} is null for a route without authorization. */
    record Route(String functionId, String method, String path, JwtAuthorizer authorizer) {
        String routeKey() {
            return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
        }

        private List<String> segments() {
            return path.equals(DEFAULT_ROUTE) ? List.of() : List.of(path.substring(1).split("/", -1));
        }

        /** Literal segments first, then single-segment variables, then greedy ones, then ANY, then $default. */
        private int[] specificity() {
            int literals = 0;
            int greedy = 0;
            for (String segment : segments()) {
                if (!segment.startsWith("{")) {
                    literals++;
                } else if (segment.endsWith("+}")) {
                    greedy++;
                }
            }
            return new int[] {path.equals(DEFAULT_ROUTE) ? 1 : 0, -literals, greedy, method.equals("ANY") ? 1 : 0};
        }
    }

    /** The route a request matched, with its decoded path parameters (null when the route has none). */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;
    private final List<Route> matchOrder;

    ApiRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.matchOrder = routes.stream().sorted(Comparator.comparing(Route::specificity, Arrays::compare)).toList();
    }

    /** @param authorizers the template's JWT authorizers by API logical id and authorizer name */
    static ApiRoutes fromTemplate(Template template, Map<String, Map<String, JwtAuthorizer>> authorizers) {
        List<Route> routes = new ArrayList<>();
        for (Template.Route route : template.routes()) {
            Map<String, Object> event = eventProperties(template, route);
            String apiId = refTarget(event.get("ApiId"));
            Map<String, JwtAuthorizer> apiAuthorizers = authorizers.getOrDefault(apiId, Map.of());
            String name = (String) map(event.get("Auth")).get("Authorizer");
            if (name == null && apiId != null) {
                name = (String) map(map(template.properties(apiId).get("Auth"))).get("DefaultAuthorizer");
            }
            JwtAuthorizer authorizer = name == null || name.equals("NONE") ? null : apiAuthorizers.get(name);
            if (name != null && !name.equals("NONE") && authorizer == null) {
                throw new IllegalStateException("route " + route.routeKey() + " uses authorizer " + name
                        + ", which is not a JWT authorizer of " + apiId);
            }
            routes.add(new Route(route.functionId(), route.method(), route.path(), authorizer));
        }
        return new ApiRoutes(routes);
    }

    /** In template order. */
    List<Route> all() {
        return routes;
    }

    Optional<Match> match(String method, String rawPath) {
        String[] requested = rawPath.length() <= 1 ? new String[] {""} : rawPath.substring(1).split("/", -1);
        for (Route route : matchOrder) {
            if (!route.method().equals("ANY") && !route.method().equals(method) && !route.path().equals(DEFAULT_ROUTE)) {
                continue;
            }
            Map<String, String> parameters = bind(route, requested);
            if (parameters != null) {
                return Optional.of(new Match(route, parameters.isEmpty() ? null : parameters));
            }
        }
        return Optional.empty();
    }

    /** The path parameters if the path fits the route's template, else null. */
    private static Map<String, String> bind(Route route, String[] requested) {
        if (route.path().equals(DEFAULT_ROUTE)) {
            return Map.of();
        }
        List<String> template = route.segments();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            boolean last = i == template.size() - 1;
            if (segment.startsWith("{") && segment.endsWith("+}") && last) {
                if (i >= requested.length || String.join("/", List.of(requested).subList(i, requested.length)).isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 2),
                        decode(String.join("/", List.of(requested).subList(i, requested.length))));
                return parameters;
            }
            if (i >= requested.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (requested[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), decode(requested[i]));
            } else if (!segment.equals(decode(requested[i]))) {
                return null;
            }
        }
        return requested.length == template.size() ? parameters : null;
    }

    /** Percent-decoding of a path segment: a {@code +} in a path is a plus, not a space. */
    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> eventProperties(Template template, Template.Route route) {
        for (Object body : map(template.properties(route.functionId()).get("Events")).values()) {
            Map<String, Object> event = map(body);
            Map<String, Object> properties = map(event.get("Properties"));
            if ("HttpApi".equals(event.get("Type")) && route.path().equals(properties.get("Path"))
                    && route.method().equalsIgnoreCase(String.valueOf(properties.get("Method")))) {
                return properties;
            }
        }
        return Map.of();
    }

    private static String refTarget(Object value) {
        return value instanceof Map<?, ?> ref && ref.get("Ref") != null ? String.valueOf(ref.get("Ref")) : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }
}
