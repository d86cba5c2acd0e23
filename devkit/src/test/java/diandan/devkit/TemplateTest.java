package diandan.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TemplateTest {
    final Template template = Template.load();

    @Test
    void everyFunctionNamesAHandlerInItsOwnModuleAndTheTable() {
        for (Template.Function function : template.functions()) {
            assertTrue(function.codeUri().matches("functions/[a-z]+/target/[a-z]+-function\\.jar"), function.codeUri());
            String module = function.codeUri().split("/")[1];
            String source = "functions/" + module + "/src/main/java/" + function.handlerClass().replace('.', '/') + ".java";
            assertTrue(Files.exists(RepoRoot.find().resolve(source)), "missing " + source);
            assertEquals(Map.of("Ref", "Table"), function.environment().get("TABLE_NAME"));
            assertEquals("handleRequest", function.handlerMethod());
        }
    }

    @Test
    void routesAreUniqueAndEveryScheduleHasARate() {
        Set<String> keys = new HashSet<>();
        for (Template.Route route : template.routes()) {
            assertTrue(keys.add(route.routeKey()), "duplicate route " + route.routeKey());
            assertTrue(route.path().startsWith("/"), route.path());
        }
        assertFalse(keys.isEmpty());
        assertTrue(template.schedules().stream().anyMatch(s -> s.expression().equals("rate(1 minute)")));
    }

    @Test
    void theTableIsPayPerRequestWithRecovery() {
        String table = TableDefinition.logicalId(template);
        Map<String, Object> properties = template.properties(table);
        assertEquals("PAY_PER_REQUEST", properties.get("BillingMode"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), properties.get("PointInTimeRecoverySpecification"));
        assertEquals(8, TableDefinition.fromTemplate(template).createRequest("t").globalSecondaryIndexes().size());
    }
}
