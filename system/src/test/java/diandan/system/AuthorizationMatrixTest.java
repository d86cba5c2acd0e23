package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.Template;

/**
 * The authorization matrix ({@code authorization.csv}): every HTTP route of template.yaml × every kind of caller
 * ({@link Who}) → the status they get, each cell called through the route's handler with real claims on a fresh
 * subject ({@link Subject}), so that "owner", "serving team" and "area" are real. A route of the template without
 * a row, or a row naming a route the template no longer has, fails the build.
 */
@ExtendWith(DynaliteExtension.class)
class AuthorizationMatrixTest {
    static final String MATRIX = "/authorization.csv";
    static final List<String> COLUMNS = List.of("route", "event", "subject");

    record Row(int line, String route, String event, Subject subject, Map<Who, Integer> expected) {
    }

    static World world;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new World(table);
    }

    @Test
    void everyRouteOfTheTemplateHasARowAndEveryRowARouteOfTheTemplate() {
        Set<String> routes = Template.load().routes().stream().map(Template.Route::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rowed = matrix().stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(rowed);
        Set<String> gone = new TreeSet<>(rowed);
        gone.removeAll(routes);
        assertTrue(missing.isEmpty(), "routes of template.yaml without a row in " + MATRIX + ": " + missing);
        assertTrue(gone.isEmpty(), "rows of " + MATRIX + " for routes template.yaml does not have: " + gone);
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsTheStatusOfItsCell() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : matrix()) {
            for (Who who : Who.values()) {
                int expected = row.expected().get(who);
                cells.add(DynamicTest.dynamicTest(row.route() + " (" + row.event() + ") by " + who.column + " -> "
                        + expected, () -> {
                    String owner = world.newResident();
                    APIGatewayV2HTTPEvent event = row.subject().prepare(world, owner, ApiEvents.load(row.event()));
                    APIGatewayV2HTTPResponse response = world.deployment.call(ApiEvents.as(event, who.claims(owner)));
                    assertEquals(expected, response.getStatusCode(), MATRIX + " line " + row.line() + ": "
                            + response.getBody());
                    if (expected >= 400) {
                        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
                    }
                }));
            }
        }
        return cells.stream();
    }

    static List<Row> matrix() {
        List<String> lines;
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream(MATRIX)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + MATRIX, e);
        }
        List<Row> rows = new ArrayList<>();
        List<Who> callers = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split(",")).map(String::strip).toList();
            if (callers == null) {
                assertEquals(COLUMNS, cells.subList(0, COLUMNS.size()), MATRIX + ": header");
                callers = cells.subList(COLUMNS.size(), cells.size()).stream().map(Who::ofColumn).toList();
                assertEquals(Set.of(Who.values()), Set.copyOf(callers), MATRIX + ": a column for every kind of caller");
                continue;
            }
            assertEquals(COLUMNS.size() + callers.size(), cells.size(), MATRIX + " line " + (i + 1) + ": cells");
            Map<Who, Integer> expected = new EnumMap<>(Who.class);
            for (int c = 0; c < callers.size(); c++) {
                expected.put(callers.get(c), Integer.parseInt(cells.get(COLUMNS.size() + c)));
            }
            String route = cells.get(0);
            String event = cells.get(1);
            assertEquals(route, ApiEvents.load(event).getRouteKey(), MATRIX + " line " + (i + 1) + ": " + event
                    + " is an event of another route");
            rows.add(new Row(i + 1, route, event, Subject.named(cells.get(2)), expected));
        }
        return rows;
    }
}
