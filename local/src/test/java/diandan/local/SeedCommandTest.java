package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./seed} on a fresh table made from template.yaml, reached by its endpoint as a deployed table would be by
 * its region: the demo registry loads, a second run changes nothing, the export is the file; a bad file changes
 * nothing and says why.
 */
@ExtendWith(DynaliteExtension.class)
class SeedCommandTest {
    static final Path DEMO = RepoRoot.find().resolve("local/demo/registry.json");

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run seed(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Seed.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDemoRegistryLoadsASecondRunChangesNothingAndTheExportEqualsTheFile(LocalTable table) throws Exception {
        Run first = seed("load", DEMO.toString(), "--table", table.name(), "--endpoint", table.endpoint());
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("teams: 45 created, 0 changed, 0 left alone"), first.out());
        assertTrue(first.out().contains("done: 276 created, 0 changed, 0 left alone"), first.out());

        Run second = seed("load", DEMO.toString(), "--table", table.name(), "--endpoint", table.endpoint());
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().endsWith("done: 0 created, 0 changed, 276 left alone\n"), second.out());

        Run export = seed("export", "--table", table.name(), "--endpoint", table.endpoint());
        assertEquals(0, export.status(), export.err());
        assertEquals(canonical(Files.readString(DEMO)), canonical(export.out()));
    }

    @Test
    void aBadFileIsNamedLineByLineAndChangesNothing(LocalTable table) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(DEMO).replace("\"capacity\": 10,", "\"capacity\": 0,"));
        Run refused = seed("load", bad.toString(), "--table", table.name(), "--endpoint", table.endpoint());
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("nothing was written"), refused.err());
        assertTrue(refused.err().contains("teams.weicheng-xuanjiang.capacity: must be a whole number from 1 to 100"),
                refused.err());
        assertFalse(table.client().getItem(b -> b.tableName(table.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("REGISTRY"), "sk", AttributeValue.fromS("AREA#weicheng")))).hasItem());
        assertEquals(2, seed("load", "--table", table.name()).status(), "no file is a usage error");
    }

    /** The same registry, order aside: entries sorted by id (or code), a volunteer's teamIds sorted. */
    static JsonNode canonical(String text) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(text);
        for (String list : List.of("areas", "categories", "teams", "volunteers")) {
            List<JsonNode> sorted = new ArrayList<>();
            root.path(list).forEach(sorted::add);
            sorted.sort(Comparator.comparing(n -> n.path(n.has("id") ? "id" : "code").asText()));
            root.putArray(list).addAll(sorted);
        }
        for (JsonNode volunteer : root.path("volunteers")) {
            List<String> teamIds = new ArrayList<>();
            volunteer.path("teamIds").forEach(t -> teamIds.add(t.asText()));
            ArrayNode ordered = ((ObjectNode) volunteer).putArray("teamIds");
            teamIds.stream().sorted().forEach(ordered::add);
        }
        return root;
    }
}
