package diandan.domain.menu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Category;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Role;
import diandan.domain.Team;

/** Who publishes a team's projects: its leader and admins of its areas or above them; nobody else. */
class ProjectAccessTest {
    static final Team LEGAL = new Team("legal", "法律服务队", List.of("legal"), List.of("s1"), 5, List.of(), List.of(), true, 1);
    static final Registry REGISTRY = new Registry(List.of(
            new Area("d", "District", AreaType.DISTRICT, null),
            new Area("s1", "Street 1", AreaType.STREET, "d"),
            new Area("s2", "Street 2", AreaType.STREET, "d"),
            new Area("c1", "Community 1", AreaType.COMMUNITY, "s1")), Category.BUILT_IN, List.of(LEGAL));

    static Caller caller(Role role, String teamId, String areaId) {
        return new Caller("someone", Set.of(role), teamId, areaId, null);
    }

    @Test
    void theLeaderAndAdminsOfItsAreasMayPublish() {
        for (Caller allowed : List.of(caller(Role.TEAM_LEADER, "legal", null), caller(Role.ADMIN, null, null),
                caller(Role.ADMIN, null, "d"), caller(Role.ADMIN, null, "s1"))) {
            assertDoesNotThrow(() -> Access.requireManageProjects(allowed, LEGAL, REGISTRY), allowed.toString());
        }
    }

    @Test
    void everyoneElseIsRefused() {
        for (Caller refused : List.of(caller(Role.TEAM_LEADER, "care", null), caller(Role.ADMIN, null, "s2"),
                caller(Role.ADMIN, null, "c1"), caller(Role.DISPATCHER, null, "d"), caller(Role.RESIDENT, null, null),
                caller(Role.VOLUNTEER, "legal", "s1"))) {
            Problem p = assertThrows(Problem.class, () -> Access.requireManageProjects(refused, LEGAL, REGISTRY));
            assertEquals(Problem.Kind.FORBIDDEN, p.kind(), refused.toString());
        }
    }
}
