package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing rule as a table: teams (where they work, capacity, load, last dispatch), the request's
 * declined teams, and the team routing must choose (null: unrouted) with a word of the reason it gives.
 * The request is always elderly care in community c1 of street s1 of district d.
 */
class RoutingOrderTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final AreaPath C1 = new AreaPath("c1", "s1", "d");

    /** One team of the table: id, the area it covers, capacity, open count, minutes since last dispatch (null: never). */
    record Row(String id, String area, int capacity, int open, Integer minutesAgo, boolean active, String category) {
    }

    static Row team(String id, String area, int capacity, int open, Integer minutesAgo) {
        return new Row(id, area, capacity, open, minutesAgo, true, "elderly_care");
    }

    static Row paused(String id, String area) {
        return new Row(id, area, 5, 0, null, false, "elderly_care");
    }

    static Row serving(String category, String id, String area) {
        return new Row(id, area, 5, 0, null, true, category);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("no team at all", List.of(), List.of(), null, "no team serves"),
                row("only a team of another category", List.of(serving("legal", "law", "c1")), List.of(), null,
                        "no team serves"),
                row("a team of the neighbouring community does not cover c1",
                        List.of(team("next-door", "c2", 5, 0, null)), List.of(), null, "no team serves"),
                row("the community's team before a less loaded street team",
                        List.of(team("street", "s1", 5, 0, null), team("home", "c1", 5, 3, null)), List.of(), "home",
                        "community team"),
                row("the street's team when the community's is full",
                        List.of(team("home", "c1", 5, 5, null), team("street", "s1", 5, 1, null)), List.of(), "street",
                        "street team"),
                row("the district's team when no nearer one has room",
                        List.of(team("home", "c1", 2, 2, null), team("street", "s1", 3, 3, null),
                                team("district", "d", 9, 8, null)), List.of(), "district", "district team"),
                row("least loaded is a ratio, not a count: 2/5 before 2/4",
                        List.of(team("a", "c1", 4, 2, null), team("b", "c1", 5, 2, null)), List.of(), "b",
                        "least loaded"),
                row("equal ratios: the one waiting longest since its last dispatch",
                        List.of(team("recent", "c1", 4, 1, 10), team("waiting", "c1", 8, 2, 60)), List.of(), "waiting",
                        "waiting longest"),
                row("never dispatched has waited longest",
                        List.of(team("dispatched", "c1", 4, 0, 60), team("never", "c1", 4, 0, null)), List.of(), "never",
                        "waiting longest"),
                row("full tie: the lowest id, for a deterministic choice",
                        List.of(team("zeta", "c1", 4, 1, 30), team("alpha", "c1", 4, 1, 30)), List.of(), "alpha",
                        "first by id"),
                row("a paused team is skipped",
                        List.of(paused("home", "c1"), team("street", "s1", 5, 4, null)), List.of(), "street",
                        "street team"),
                row("a team that had it before is skipped",
                        List.of(team("home", "c1", 5, 0, null), team("other", "c1", 5, 4, null)), List.of("home"),
                        "other", "the only eligible team"),
                row("a team listing its community and the district works at the community level",
                        List.of(team("street", "s1", 5, 0, null), new Row("both", "c1+d", 5, 4, null, true,
                                "elderly_care")), List.of(), "both", "community team"),
                row("everyone full, paused or declined: unrouted, saying why",
                        List.of(team("home", "c1", 2, 2, null), paused("paused", "s1"), team("gone", "d", 5, 0, null)),
                        List.of("gone"), null, "1 paused, 1 had it before, 1 at capacity"));
    }

    static Arguments row(String name, List<Row> teams, List<String> declined, String expected, String noteWord) {
        return Arguments.of(name, teams, declined, expected, noteWord);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void choosesByLevelThenLoadThenWaitingTime(String name, List<Row> rows, List<String> declined, String expected,
                                               String noteWord) {
        List<Team> teams = new ArrayList<>();
        Map<String, TeamLoad> loads = new HashMap<>();
        for (Row row : rows) {
            teams.add(new Team(row.id(), row.id(), List.of(row.category()), List.of(row.area().split("\\+")),
                    row.capacity(), List.of(), List.of(), row.active(), 1));
            loads.put(row.id(), new TeamLoad(row.id(), row.open(),
                    row.minutesAgo() == null ? null : NOW.minusSeconds(60L * row.minutesAgo())));
        }
        Registry registry = new Registry(List.of(
                new Area("d", "District", AreaType.DISTRICT, null),
                new Area("s1", "Street 1", AreaType.STREET, "d"),
                new Area("c1", "Community 1", AreaType.COMMUNITY, "s1"),
                new Area("c2", "Community 2", AreaType.COMMUNITY, "s1")), Category.BUILT_IN, teams);
        ServiceRequest request = request(declined);

        RoutingOrder.Decision decision = RoutingOrder.decide(request, registry, loads);

        assertEquals(expected, decision.teamId(), decision.note());
        assertTrue(decision.note().contains(noteWord), decision.note());
        List<String> candidates = RoutingOrder.candidates(request, registry);
        if (expected != null) {
            assertTrue(candidates.contains(expected), "the chosen team's load must be read: " + candidates);
        }
    }

    /** A decline reads these teams' loads before it reads the request: every candidate must be among them. */
    @Test
    void theTeamsThatMayTakeWhatATeamGivesBackHoldEveryCandidate() {
        Team giving = team("giving", "c1", true, "elderly_care", "legal");
        Registry registry = new Registry(List.of(
                new Area("d", "District", AreaType.DISTRICT, null),
                new Area("s1", "Street 1", AreaType.STREET, "d"),
                new Area("s2", "Street 2", AreaType.STREET, "d"),
                new Area("c1", "Community 1", AreaType.COMMUNITY, "s1"),
                new Area("c2", "Community 2", AreaType.COMMUNITY, "s1"),
                new Area("c3", "Community 3", AreaType.COMMUNITY, "s2")), Category.BUILT_IN, List.of(giving,
                team("home", "c1", true, "elderly_care"), team("street", "s1", true, "elderly_care"),
                team("district-law", "d", true, "legal"), team("next-door", "c2", true, "elderly_care"),
                team("far", "s2", true, "elderly_care"), team("sweepers", "c1", true, "sanitation_environment"),
                team("resting", "c1", false, "elderly_care")));

        List<String> after = RoutingOrder.candidatesAfter(giving, registry);

        assertEquals(Set.of("home", "street", "district-law"), Set.copyOf(after));
        List<String> candidates = RoutingOrder.candidates(request(List.of("giving")), registry);
        assertEquals(Set.of("home", "street"), Set.copyOf(candidates));
    }

    static Team team(String id, String area, boolean active, String... categories) {
        return new Team(id, id, List.of(categories), List.of(area), 5, List.of(), List.of(), active, 1);
    }

    static ServiceRequest request(List<String> declined) {
        return new ServiceRequest("r1", RequestStatus.UNROUTED, "elderly_care", "help", Channel.APP, C1,
                new Contact("张三", "13812345678", "新北社区1号楼"), null, "resident", "resident", null, declined,
                Sla.startingAt(NOW, Clocks.DESK_PROMISE, Optional.empty()), List.of(), null, NOW, NOW, 1, null);
    }
}
