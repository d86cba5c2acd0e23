package diandan.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import diandan.app.registry.RegistryEntries;
import diandan.domain.Clocks;
import diandan.domain.Problem;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;

/** A registry file gives a category's clocks as {@code PUT /categories/{code}} does, time bases included. */
class RegistryFileTest {
    @TempDir
    Path dir;

    RegistryEntries read(String categories) throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\"areas\": [], \"teams\": [], \"volunteers\": [], \"categories\": " + categories + "}");
        return RegistryFile.read(file);
    }

    @Test
    void aCategorysClocksKeepTheTimeBasesTheFileGives() throws Exception {
        Clocks clocks = read("[{\"code\": \"home_repair\", \"name\": \"维修\", \"clocks\": {\"respondMinutes\": 15, "
                + "\"replyMinutes\": 30, \"resolveMinutes\": 2880, \"replyTimeBase\": \"service_hours\", "
                + "\"resolveTimeBase\": \"service_hours\"}}]").categories().get(0).clocks();
        assertEquals(new Clocks(15, 30, 2880, new TimeBases(TimeBase.CONTINUOUS, TimeBase.SERVICE_HOURS,
                TimeBase.SERVICE_HOURS)), clocks);
    }

    @Test
    void absentClocksAreTheDesksPromiseOnWallTime() throws Exception {
        assertEquals(Clocks.DESK_PROMISE, read("[{\"code\": \"elderly_care\", \"name\": \"助老\"}]")
                .categories().get(0).clocks());
    }

    @Test
    void aTimeBaseOfNeitherKindIsRefusedNamingTheCategory() {
        Problem refused = assertThrows(Problem.class, () -> read("[{\"code\": \"home_repair\", \"name\": \"维修\", "
                + "\"clocks\": {\"resolveTimeBase\": \"office_hours\"}}]"));
        assertTrue(refused.errors().stream().anyMatch(e -> e.field().equals("categories.home_repair.clocks.resolveTimeBase")),
                refused.errors().toString());
    }

    @Test
    void aFileIsCheckedWholeByTheAdminRoutesRulesEachComplaintNamedByItsPlace() throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, """
                {"areas": [{"id": "weicheng", "name": "渭城区", "type": "district"},
                           {"id": "sanpu", "name": "三普社区", "type": "community", "parentId": "nowhere"}],
                 "categories": [],
                 "teams": [{"id": "t1", "name": "队", "categories": ["knitting"], "areaIds": ["weicheng"], "capacity": 0},
                           {"id": "t1", "name": "又一队", "categories": ["legal"], "areaIds": ["weicheng"], "capacity": 1}],
                 "volunteers": [{"id": "v1", "name": "张三", "phone": "123", "teamIds": ["t9"]}]}
                """);
        Problem refused = assertThrows(Problem.class, () -> RegistryFile.read(file));
        assertEquals(java.util.Set.of("areas.sanpu.parentId", "teams.t1.categories", "teams.t1.capacity",
                "teams[1].id", "volunteers.v1.phone", "volunteers.v1.teamIds"),
                refused.errors().stream().map(Problem.FieldError::field).collect(java.util.stream.Collectors.toSet()),
                refused.errors().toString());
    }

    @Test
    void whatIsNotJsonIsRefusedAsSuch() throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\"areas\": [");
        Problem refused = assertThrows(Problem.class, () -> RegistryFile.read(file));
        assertEquals("file", refused.errors().get(0).field());
    }
}
