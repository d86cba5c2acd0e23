package diandan.domain.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import diandan.domain.AreaPath;
import diandan.domain.Channel;
import diandan.domain.Clocks;
import diandan.domain.Contact;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.domain.menu.MenuOrder.Outcome;

/** Whether an order goes to the project's team, and if not why, checked in the documented order. */
class OrderRuleTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    static final AreaPath C1 = new AreaPath("c1", "s1", "d");
    static final AreaPath OTHER_STREET = new AreaPath("c9", "s9", "d");
    static final Offering SATURDAYS = OfferingTest.offering(Map.of("saturday", List.of("09:00-12:00")), null);

    static Project project(List<String> areas, boolean active, Offering offered) {
        return new Project("p1", "legal", "法律咨询", "legal", null, areas, offered,
                new Capacity(Capacity.Per.WEEK, 2), active, 1, "leader", NOW, NOW);
    }

    static Team team(boolean active, int capacity, String category) {
        return new Team("legal", "法律服务队", List.of(category), List.of("s1"), capacity, List.of(), List.of(), active, 1);
    }

    static ServiceRequest draft(AreaPath area) {
        return new ServiceRequest("r1", RequestStatus.UNROUTED, "legal", "help", Channel.APP, area,
                new Contact("张三", "13812345678", "1号楼"), null, "resident", "resident", null, List.of(),
                Sla.startingAt(NOW, Clocks.DESK_PROMISE, Optional.empty()), List.of(), null, NOW, NOW, 0, null);
    }

    static OrderRule.Decision decide(Project project, AreaPath area, Optional<Team> team, int open) {
        return OrderRule.decide(project, draft(area), team, new TeamLoad("legal", open, null), NOW, BEIJING);
    }

    @Test
    void anActiveProjectWithRoomGivesTheWindowToCountIn() {
        OrderRule.Decision d = decide(project(List.of("s1"), true, SATURDAYS), C1, Optional.of(team(true, 5, "legal")), 4);
        assertEquals(new OrderRule.Decision(null, "W2026-11-30"), d);
    }

    @Test
    void eachRefusalInItsOrder() {
        Optional<Team> team = Optional.of(team(true, 5, "legal"));
        assertEquals(Outcome.NOT_OFFERED_HERE, decide(project(List.of("s1"), true, SATURDAYS), OTHER_STREET, team, 0).refusal());
        assertEquals(Outcome.NOT_OFFERED_HERE, decide(project(List.of("s1"), false, SATURDAYS), OTHER_STREET, team, 0).refusal());
        assertEquals(Outcome.NOT_OFFERED_HERE, decide(project(List.of("c1"), true, SATURDAYS), C1, Optional.empty(), 0).refusal());
        assertEquals(Outcome.PAUSED, decide(project(List.of("c1"), false, SATURDAYS), C1, team, 0).refusal());
        assertEquals(Outcome.PAUSED, decide(project(List.of("c1"), true, SATURDAYS), C1,
                Optional.of(team(false, 5, "legal")), 0).refusal());
        assertEquals(Outcome.NOT_OFFERED_HERE, decide(project(List.of("c1"), true, SATURDAYS), C1,
                Optional.of(team(true, 5, "elderly_care")), 0).refusal());
        assertEquals(Outcome.TEAM_FULL, decide(project(List.of("c1"), true, SATURDAYS), C1, team, 5).refusal());
        Offering past = OfferingTest.offering(null, List.of("2026-11-01 09:00-10:00"));
        assertEquals(Outcome.ENDED, decide(project(List.of("d"), true, past), C1, team, 0).refusal());
    }
}
