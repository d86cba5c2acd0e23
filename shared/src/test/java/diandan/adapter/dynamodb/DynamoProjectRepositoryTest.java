package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.menu.Capacity;
import diandan.domain.menu.Offering;
import diandan.domain.menu.Project;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;

/** Projects stored and read back whole; menus as one partition each, paged, by category. */
@ExtendWith(DynaliteExtension.class)
class DynamoProjectRepositoryTest {
    static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    final DynamoProjectRepository projects;

    DynamoProjectRepositoryTest(LocalTable table) {
        this.projects = new DynamoProjectRepository(table.client(), table.name());
    }

    static Project project(String id, String category) {
        Validation v = new Validation();
        Offering offered = Offering.read(v, Map.of("saturday", List.of("09:00-12:00", "14:00-16:00")),
                List.of("2026-12-24 14:00-17:00"));
        v.throwIfAny();
        return new Project(id, "team", "项目 " + id, category, "说明", List.of("c1", "s2"), offered,
                new Capacity(Capacity.Per.SESSION, 4), true, 1, "leader", T0, T0);
    }

    @Test
    void aProjectReadsBackAsWrittenAndChangesOnlyFromTheVersionItWasRead() {
        Project p = project("p-whole", "legal");
        assertEquals(true, projects.create(p));
        assertEquals(false, projects.create(p));
        assertEquals(Optional.of(p), projects.find("p-whole"));
        Project paused = new Project(p.id(), p.teamId(), p.title(), p.category(), null, p.areaIds(), p.offered(),
                p.capacity(), false, 2, p.createdBy(), p.createdAt(), T0.plusSeconds(60));
        projects.replace(p, paused);
        assertEquals(Optional.of(paused), projects.find("p-whole"));
        assertThrows(ConcurrentChangeException.class, () -> projects.replace(p, paused));
    }

    @Test
    void aMenuIsOnePartitionPagedByCategory() {
        for (String id : List.of("m1", "m2", "m3")) {
            Project p = project(id, id.equals("m2") ? "elderly_care" : "legal");
            projects.create(p);
            projects.list(p, List.of("menu-c1"));
        }
        Page<Project> first = projects.menu("menu-c1", null, 2, null);
        assertEquals(List.of("m2", "m1"), first.items().stream().map(Project::id).toList());
        assertNotNull(first.nextCursor());
        Page<Project> second = projects.menu("menu-c1", null, 2, first.nextCursor());
        assertEquals(List.of("m3"), second.items().stream().map(Project::id).toList());

        assertEquals(List.of("m1", "m3"), projects.menu("menu-c1", "legal", 10, null).items().stream()
                .map(Project::id).toList());
        projects.unlist("m1", "legal", List.of("menu-c1"));
        assertEquals(List.of("m3"), projects.menu("menu-c1", "legal", 10, null).items().stream()
                .map(Project::id).toList());
        assertNull(projects.menu("menu-c1", "legal", 10, null).nextCursor());

        String elderlyCursor = projects.menu("menu-c1", null, 1, null).nextCursor();
        Problem wrongCategory = assertThrows(Problem.class, () -> projects.menu("menu-c1", "legal", 10, elderlyCursor));
        assertEquals(Problem.Kind.BAD_REQUEST, wrongCategory.kind());
        assertThrows(Problem.class, () -> projects.menu("menu-c1", null, 10, "bm90IGEgY3Vyc29y"));
    }

    @Test
    void aTeamsProjectsAreListedNewestFirst() {
        Project older = project("t-old", "legal");
        Project newer = new Project("t-new", "team2", "新", "legal", null, List.of("c1"), older.offered(),
                older.capacity(), true, 1, "leader", T0.plusSeconds(5), T0.plusSeconds(5));
        projects.create(new Project("t-old", "team2", "旧", "legal", null, List.of("c1"), older.offered(),
                older.capacity(), true, 1, "leader", T0, T0));
        projects.create(newer);
        assertEquals(List.of("t-new", "t-old"), projects.ofTeam("team2", 10, null).items().stream()
                .map(Project::id).toList());
    }
}
