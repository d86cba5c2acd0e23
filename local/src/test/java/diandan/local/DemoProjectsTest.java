package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.RegistryFile;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.http.Claims;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.Caller;
import diandan.domain.Registry;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.menu.MenuOrder;
import diandan.domain.menu.Project;
import diandan.port.Page;

/**
 * The demo district's menu: every team of 渭城区 offers a project, a community's menu lists those serving it, and
 * a resident's order of one reaches the team that offers it.
 */
@ExtendWith(DynaliteExtension.class)
class DemoProjectsTest {
    static final Caller RESIDENT = Claims.caller(ApiEvents.resident("resident-zhang"));

    @Test
    void everyTeamOfTheDistrictIsOnTheMenuAndAnOrderReachesItsTeam(LocalTable table) {
        RegistryFile.load(RepoRoot.find().resolve(DemoData.FILE), new DynamoRegistryRepository(table.client(), table.name()));
        DemoProjects.load(table.client(), table.name(), RepoRoot.find().resolve(DemoProjects.FILE));
        Wiring desk = new Wiring(table.client(), table.name(), Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC));
        Registry registry = desk.registry.get();

        Set<String> offering = new HashSet<>();
        int projects = 0;
        String cursor = null;
        do {
            Page<Project> page = desk.projects.list(null, null, "weicheng", null, "100", cursor);
            page.items().forEach(p -> offering.add(p.teamId()));
            projects += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        List<String> districtTeams = registry.teams().stream()
                .filter(t -> registry.districtOf(t).filter("weicheng"::equals).isPresent()).map(Team::id).toList();
        assertEquals(43, districtTeams.size());
        assertEquals(Set.copyOf(districtTeams), offering);
        assertEquals(65, projects);

        List<Project> xinbei = desk.projects.list("xinbei", null, null, null, "100", null).items();
        assertTrue(xinbei.stream().anyMatch(p -> p.id().equals("p-weiyang-jinglao-1")), xinbei.toString());
        assertTrue(xinbei.stream().allMatch(p -> p.serves(registry.pathOf("xinbei").orElseThrow())));

        ServiceRequest ordered = desk.intake.submit(RESIDENT, new NewRequest(null, "想预约上门探访，老人独居", "xinbei",
                "新北社区3号楼2单元501", "张桂兰", "13812345678", "mini_program", null, null, "p-weiyang-jinglao-1"),
                null).request();
        assertEquals(new MenuOrder("p-weiyang-jinglao-1", MenuOrder.Outcome.ORDERED), ordered.menuOrder());
        assertEquals("weiyang-jinglao", ordered.teamId());
    }
}
