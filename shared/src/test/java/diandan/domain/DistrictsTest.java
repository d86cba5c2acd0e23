package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Several districts in one registry: the tree above the district (city, province), how far each role reaches in
 * it, and that routing stays within a district. Province p holds city x; city x holds districts a and b; city y
 * holds district c. Each district has a street and a community; each a team covering its street.
 */
class DistrictsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final AreaPath IN_A = new AreaPath("a-c", "a-s", "a");
    static final AreaPath IN_B = new AreaPath("b-c", "b-s", "b");

    static final Registry REGISTRY = new Registry(List.of(
            new Area("p", "Province", AreaType.PROVINCE, null),
            new Area("x", "City x", AreaType.CITY, "p"),
            new Area("y", "City y", AreaType.CITY, "p"),
            new Area("a", "District a", AreaType.DISTRICT, "x"),
            new Area("b", "District b", AreaType.DISTRICT, "x"),
            new Area("c", "District c", AreaType.DISTRICT, "y"),
            new Area("a-s", "Street of a", AreaType.STREET, "a"),
            new Area("b-s", "Street of b", AreaType.STREET, "b"),
            new Area("a-c", "Community of a", AreaType.COMMUNITY, "a-s"),
            new Area("b-c", "Community of b", AreaType.COMMUNITY, "b-s")),
            Category.BUILT_IN, List.of(team("team-a", "a-s"), team("team-b", "b-s")));

    static Team team(String id, String area) {
        return new Team(id, id, List.of("elderly_care"), List.of(area), 5, List.of(), List.of(), true, 1);
    }

    static Caller dispatcher(String area) {
        return new Caller("d-" + area, Set.of(Role.DISPATCHER), null, area, null);
    }

    static Caller admin(String area) {
        return new Caller("admin-" + area, Set.of(Role.ADMIN), null, area, null);
    }

    static ServiceRequest request(AreaPath area, String teamId) {
        return new ServiceRequest("r1", RequestStatus.DISPATCHED, "elderly_care", "help", Channel.APP, area,
                new Contact("张三", "13812345678", "1号楼"), null, "resident", "resident", teamId, List.of(),
                Sla.startingAt(NOW, Clocks.DESK_PROMISE, Optional.empty()), List.of(), null, NOW, NOW, 1, null);
    }

    @Test
    void theLevelsAboveADistrictAreOptionalSoASingleDistrictStandsAsBefore() {
        Registry alone = new Registry(List.of(), List.of(), List.of());
        assertDoesNotThrow(() -> alone.requirePlacement(new Area("d", "D", AreaType.DISTRICT, null)));
        assertDoesNotThrow(() -> alone.requirePlacement(new Area("x", "X", AreaType.CITY, null)));
        assertDoesNotThrow(() -> REGISTRY.requirePlacement(new Area("a2", "A2", AreaType.DISTRICT, "x")),
                "a city holds several districts");
        assertDoesNotThrow(() -> REGISTRY.requirePlacement(new Area("a", "District a", AreaType.DISTRICT, "y")),
                "a district may move to another city");
        assertEquals(422, assertThrows(Problem.class, () -> REGISTRY.requirePlacement(
                new Area("d2", "D", AreaType.DISTRICT, "p"))).kind().status, "a district hangs under a city");
        assertEquals(422, assertThrows(Problem.class, () -> REGISTRY.requirePlacement(
                new Area("s", "S", AreaType.STREET, null))).kind().status, "a street needs its district");
        assertEquals(422, assertThrows(Problem.class, () -> REGISTRY.requirePlacement(
                new Area("p2", "P", AreaType.PROVINCE, "x"))).kind().status, "a province is the top");
    }

    @Test
    void aCityCoversItsDistrictsPathsFromTheTreeAndNoOtherCitys() {
        assertTrue(REGISTRY.covers("x", IN_A));
        assertTrue(REGISTRY.covers("x", IN_B));
        assertTrue(REGISTRY.covers("p", IN_B));
        assertFalse(REGISTRY.covers("y", IN_A));
        assertFalse(REGISTRY.covers("a", IN_B));
        assertFalse(REGISTRY.covers("a-s", IN_B));
        assertTrue(REGISTRY.covers("a-s", IN_A));
        assertFalse(REGISTRY.covers(null, IN_A));
    }

    @Test
    void theDistrictOfAnAreaOrATeam() {
        assertEquals(Optional.of("a"), REGISTRY.districtOf("a-c"));
        assertEquals(Optional.of("b"), REGISTRY.districtOf("b"));
        assertEquals(Optional.empty(), REGISTRY.districtOf("x"));
        assertEquals(Optional.of("b"), REGISTRY.districtOf(team("t", "b-s")));
    }

    @Test
    void theDefaultDistrictIsTheOnlyOneAndSeveralMustBeNamed() {
        Registry one = new Registry(List.of(new Area("d", "D", AreaType.DISTRICT, null)), List.of(), List.of());
        assertEquals("d", one.defaultDistrict().id());
        Problem several = assertThrows(Problem.class, REGISTRY::defaultDistrict);
        assertEquals(422, several.kind().status);
        assertTrue(several.errors().get(0).message().contains("3 districts"), several.errors().toString());
    }

    @Test
    void aTeamCoversAreasOfOneDistrictOnly() {
        Validation two = new Validation();
        REGISTRY.requireOneDistrict(two, List.of("a-s", "b-c"));
        assertEquals(422, assertThrows(Problem.class, two::throwIfAny).kind().status);
        Validation city = new Validation();
        REGISTRY.requireOneDistrict(city, List.of("x"));
        assertEquals(422, assertThrows(Problem.class, city::throwIfAny).kind().status);
        Validation one = new Validation();
        REGISTRY.requireOneDistrict(one, List.of("a", "a-s", "a-c"));
        assertDoesNotThrow(one::throwIfAny);
    }

    @Test
    void routingAndWishClaimsNeverCrossADistrict() {
        ServiceRequest inA = request(IN_A, null);
        Team teamB = REGISTRY.team("team-b").orElseThrow();
        assertEquals(RoutingOrder.Eligibility.NOT_SERVING,
                RoutingOrder.eligibility(teamB, inA, TeamLoad.idle(teamB.id())), "the waiting queue and wish claims");
        RoutingOrder.Decision decision = RoutingOrder.decide(inA, new Registry(REGISTRY.areas(), Category.BUILT_IN,
                List.of(teamB)), Map.of());
        assertFalse(decision.routed(), "a free team of district b is no candidate for a request of district a");
        assertEquals(List.of("team-a"), RoutingOrder.candidates(inA, REGISTRY));
    }

    @Test
    void eachDeskReadsItsOwnAreaAndTheCityDeskItsDistricts() {
        ServiceRequest inB = request(IN_B, "team-b");
        assertFalse(Access.canRead(dispatcher("a"), inB, REGISTRY));
        assertFalse(Access.canRead(admin("a"), inB, REGISTRY), "a district's admin is not the other district's");
        assertFalse(Access.canRead(dispatcher("y"), inB, REGISTRY));
        assertTrue(Access.canRead(dispatcher("x"), inB, REGISTRY));
        assertTrue(Access.canRead(admin("x"), inB, REGISTRY));
        assertTrue(Access.canRead(admin(null), inB, REGISTRY), "an admin whose token names no area: as before");
        assertEquals(404, assertThrows(Problem.class, () -> Access.requireCancel(admin("a"), inB, REGISTRY))
                .kind().status);
        assertEquals("a", Access.deskReach(admin("a")));
        assertNull(Access.deskReach(admin(null)));
    }

    @Test
    void dispatchingToAnotherDistrictsTeamIsForADeskAboveBoth() {
        ServiceRequest inA = request(IN_A, "team-a");
        Team teamB = REGISTRY.team("team-b").orElseThrow();
        Problem refused = assertThrows(Problem.class, () -> Access.requireDispatch(dispatcher("a"), inA, teamB, REGISTRY));
        assertEquals(403, refused.kind().status);
        assertEquals(403, assertThrows(Problem.class,
                () -> Access.requireDispatch(admin("a"), inA, teamB, REGISTRY)).kind().status);
        assertDoesNotThrow(() -> Access.requireDispatch(dispatcher("x"), inA, teamB, REGISTRY));
        assertDoesNotThrow(() -> Access.requireDispatch(admin(null), inA, teamB, REGISTRY));
        assertDoesNotThrow(() -> Access.requireDispatch(dispatcher("a"), inA, REGISTRY.team("team-a").orElseThrow(),
                REGISTRY));
    }

    @Test
    void anAdminWritesBelowTheirOwnAreaAndSharedThingsAreTheDeployments() {
        assertDoesNotThrow(() -> Access.requireAdminWithin(admin("a"), List.of("a"), REGISTRY), "a street under a");
        assertEquals(403, assertThrows(Problem.class,
                () -> Access.requireAdminWithin(admin("a"), List.of("b-s"), REGISTRY)).kind().status);
        java.util.ArrayList<String> top = new java.util.ArrayList<>();
        top.add(null);
        assertEquals(403, assertThrows(Problem.class,
                () -> Access.requireAdminWithin(admin("a"), top, REGISTRY)).kind().status, "nothing at the top");
        assertDoesNotThrow(() -> Access.requireAdminWithin(admin("x"), List.of("a-s", "b-s"), REGISTRY));
        assertDoesNotThrow(() -> Access.requireAdminWithin(admin(null), top, REGISTRY));
        assertEquals(403, assertThrows(Problem.class, () -> Access.requireDeploymentAdmin(admin("x"))).kind().status);
        assertDoesNotThrow(() -> Access.requireDeploymentAdmin(admin(null)));
    }

    @Test
    void aTeamsListIsNarrowedToTheCallersAreaOrForACityToTheTeamsDistrict() {
        assertEquals("a-s", Access.teamListReach(dispatcher("a-s"), "team-b", REGISTRY), "filtered: nothing of b");
        assertEquals("b", Access.teamListReach(dispatcher("x"), "team-b", REGISTRY));
        assertEquals(403, assertThrows(Problem.class,
                () -> Access.teamListReach(dispatcher("y"), "team-b", REGISTRY)).kind().status);
        assertNull(Access.teamListReach(admin(null), "team-b", REGISTRY));
    }

    @Test
    void registryReadsReachTheCallersDistrict() {
        Caller leaderOfB = new Caller("leader", Set.of(Role.TEAM_LEADER), "team-b", null, null);
        assertEquals("b", Access.directoryReach(leaderOfB, REGISTRY));
        assertEquals("a", Access.directoryReach(dispatcher("a-s"), REGISTRY), "a street's dispatcher: its district");
        assertEquals("x", Access.directoryReach(admin("x"), REGISTRY));
        assertNull(Access.directoryReach(new Caller("r", Set.of(Role.RESIDENT), null, null, null), REGISTRY));
        assertFalse(Access.inDirectory(REGISTRY.team("team-b").orElseThrow(), "a", REGISTRY));
        assertTrue(Access.inDirectory(REGISTRY.team("team-b").orElseThrow(), "x", REGISTRY));
    }
}
