package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import diandan.domain.hours.Capture;
import diandan.domain.hours.HoursAccess;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;

/**
 * Who may do what, as tables ({@link Access} for requests and the desk, {@link HoursAccess} for hours; the roles
 * of docs/design.md): for each caller (row) and each action (column), {@code ok} where it is allowed, else the
 * status of the refusal: 404 where the caller may not even know the thing exists, 403 where they may see it but
 * not do this, 409 where the request has left their team. No storage, no engine: the rules are pure.
 *
 * <p>The world: community xinbei in street weiyang in district weicheng, and community renmin-east in street
 * renminlu. Resident-1's request in xinbei is dispatched to team-a (covering xinbei), which team-c declined
 * before; team-a recorded 2 hours of volunteer v1 for it in xinbei.
 */
class PermissionTableTest {
    /**
     * Requests. {@code read}: see it at all; {@code contact}: its resident's contact whole ({@code masked}: with
     * the digits hidden) while dispatched and once accepted; {@code team-step}: accept, decline, reply, start and
     * resolve; {@code claim}: a wish, for team-a; {@code submit-app} / {@code submit-hotline}: a request in xinbei
     * on a resident's channel / an operated one; {@code list}: which requests the caller lists; {@code queue}:
     * team-a's queue; {@code desk}: alerts and the SLA report; {@code registry}: categories, areas, teams,
     * volunteers; {@code erase}: its contact data erased at once (once it has ended: the status is the request
     * life's rule).
     */
    static final String REQUESTS = """
            caller            read  contact-dispatched contact-accepted cancel rate dispatch team-step claim submit-app submit-hotline list  queue desk registry  erase
            resident-1        ok    ok                 ok               ok     ok   403      403       403   ok         403            own   403   403  403       ok
            resident-2        404   masked             masked           404    404  404      404       403   ok         403            own   403   403  403       404
            volunteer-v1      404   masked             masked           404    404  404      404       403   403        403            403   403   403  403       404
            leader-a          ok    masked             ok               403    403  403      ok        ok    403        403            team  ok    403  403       403
            leader-b          404   masked             masked           404    404  404      404       403   403        403            team  403   403  403       404
            leader-c          404   masked             masked           404    404  404      409       403   403        403            team  403   403  403       404
            dispatcher-xinbei ok    ok                 ok               ok     403  ok       403       403   403        ok             desk  ok    ok   403       403
            dispatcher-street ok    ok                 ok               ok     403  ok       403       403   403        ok             desk  ok    ok   403       403
            dispatcher-other  404   masked             masked           404    404  404      404       403   403        403            desk  403   ok   403       404
            dispatcher-none   404   masked             masked           404    404  404      404       403   403        403            desk  403   ok   403       404
            admin             ok    masked             masked           ok     403  ok       403       403   403        403            desk  ok    ok   ok        ok
            """;

    /**
     * Hours. {@code read}: v1's record; {@code record}: hours for team-a's service; {@code certify},
     * {@code correct}, {@code dispute}: v1's record; {@code list}: whose records the caller lists;
     * {@code volunteer}: v1's hours and certificate; {@code export}: street weiyang's certified hours;
     * {@code activity}: create one.
     */
    static final String HOURS = """
            caller            read  record certify correct dispute list  volunteer export activity
            resident-1        404   403    404     404     404     403   404       403    403
            volunteer-v1      ok    403    403     403     ok      403   ok        403    403
            volunteer-v2      404   403    404     404     404     403   404       403    403
            leader-a          ok    ok     ok      ok      403     team  ok        403    ok
            leader-a-as-v1    ok    ok     403     ok      ok      team  ok        403    ok
            leader-b          404   403    404     404     404     team  404       403    ok
            dispatcher-xinbei ok    403    ok      403     403     desk  ok        403    403
            dispatcher-street ok    403    ok      403     403     desk  ok        ok     403
            dispatcher-other  404   403    404     404     404     desk  ok        403    403
            dispatcher-none   404   403    404     404     404     desk  404       403    403
            admin             ok    403    ok      403     403     desk  ok        ok     403
            """;

    static final AreaPath XINBEI = new AreaPath("xinbei", "weiyang", "weicheng");
    static final Instant AT = Instant.parse("2026-11-28T01:00:00Z");

    static final Map<String, Caller> CALLERS = Map.ofEntries(
            Map.entry("resident-1", caller("resident-1", Set.of(Role.RESIDENT), null, null, null)),
            Map.entry("resident-2", caller("resident-2", Set.of(Role.RESIDENT), null, null, null)),
            Map.entry("volunteer-v1", caller("u-v1", Set.of(Role.VOLUNTEER), null, null, "v1")),
            Map.entry("volunteer-v2", caller("u-v2", Set.of(Role.VOLUNTEER), null, null, "v2")),
            Map.entry("leader-a", caller("u-leader-a", Set.of(Role.TEAM_LEADER, Role.VOLUNTEER), "team-a", null, "v9")),
            Map.entry("leader-a-as-v1",
                    caller("u-leader-a-v1", Set.of(Role.TEAM_LEADER, Role.VOLUNTEER), "team-a", null, "v1")),
            Map.entry("leader-b", caller("u-leader-b", Set.of(Role.TEAM_LEADER), "team-b", null, null)),
            Map.entry("leader-c", caller("u-leader-c", Set.of(Role.TEAM_LEADER), "team-c", null, null)),
            Map.entry("dispatcher-xinbei", caller("u-disp-x", Set.of(Role.DISPATCHER), null, "xinbei", null)),
            Map.entry("dispatcher-street", caller("u-disp-w", Set.of(Role.DISPATCHER), null, "weiyang", null)),
            Map.entry("dispatcher-other", caller("u-disp-r", Set.of(Role.DISPATCHER), null, "renminlu", null)),
            Map.entry("dispatcher-none", caller("u-disp-0", Set.of(Role.DISPATCHER), null, null, null)),
            Map.entry("admin", caller("u-admin", Set.of(Role.ADMIN), null, null, null)));

    static final Registry REGISTRY = new Registry(List.of(
            new Area("weicheng", "渭城区", AreaType.DISTRICT, null),
            new Area("weiyang", "渭阳街道", AreaType.STREET, "weicheng"),
            new Area("xinbei", "新北社区", AreaType.COMMUNITY, "weiyang"),
            new Area("renminlu", "人民路街道", AreaType.STREET, "weicheng"),
            new Area("renmin-east", "人民东社区", AreaType.COMMUNITY, "renminlu")), Category.BUILT_IN,
            List.of(new Team("team-a", "A", List.of("elderly_care"), List.of("xinbei"), 5, List.of(), List.of("v1"),
                    true, 1)));

    static final ServiceRequest DISPATCHED = RequestLifecycle.dispatch(
            RequestLifecycle.decline(RequestLifecycle.dispatch(request(Channel.APP), "team-c", TimelineEntry.SYSTEM,
                    "near", AT), "u-leader-c", "busy", AT), "team-a", TimelineEntry.SYSTEM, "next", AT);
    static final ServiceRequest ACCEPTED = RequestLifecycle.accept(DISPATCHED, "u-leader-a", AT);
    static final ServiceRequest WISH = request(Channel.WISH_WALL).next().status(RequestStatus.OPEN_WISH).build(AT);

    static final HoursRecord RECORD = new HoursRecord("h1", "h1", "v1", "team-a", "A",
            new Source(SourceType.REQUEST, "r1"), "敬老助残", "elderly_care", XINBEI, 4, LocalDate.parse("2026-11-28"),
            null, null, RecordStatus.PENDING, null, List.of(), null, List.of(), "u-leader-a", AT, null, null, null,
            null, null, 1, Capture.MANUAL);

    static final Map<String, Function<Caller, String>> REQUEST_ACTIONS = requestActions();
    static final Map<String, Function<Caller, String>> HOURS_ACTIONS = hoursActions();

    private static Map<String, Function<Caller, String>> requestActions() {
        Map<String, Function<Caller, String>> actions = new LinkedHashMap<>();
        actions.put("read", c -> outcome(() -> Access.requireRead(c, DISPATCHED, REGISTRY)));
        actions.put("contact-dispatched", c -> Access.seesContact(c, DISPATCHED, REGISTRY) ? "ok" : "masked");
        actions.put("contact-accepted", c -> Access.seesContact(c, ACCEPTED, REGISTRY) ? "ok" : "masked");
        actions.put("cancel", c -> outcome(() -> Access.requireCancel(c, DISPATCHED, REGISTRY)));
        actions.put("rate", c -> outcome(() -> Access.requireRate(c, DISPATCHED, REGISTRY)));
        actions.put("erase", c -> outcome(() -> Access.requireEraseContact(c, DISPATCHED, REGISTRY)));
        actions.put("dispatch", c -> outcome(() -> Access.requireDispatch(c, DISPATCHED,
                REGISTRY.team("team-a").orElseThrow(), REGISTRY)));
        actions.put("team-step", c -> outcome(() -> Access.requireTeamLeader(c, DISPATCHED, REGISTRY)));
        actions.put("claim", c -> outcome(() -> Access.requireClaim(c, WISH, "team-a")));
        actions.put("submit-app", c -> outcome(() -> Access.requireSubmit(c, Channel.APP, XINBEI, REGISTRY)));
        actions.put("submit-hotline", c -> outcome(() -> Access.requireSubmit(c, Channel.HOTLINE, XINBEI, REGISTRY)));
        actions.put("list", c -> {
            try {
                return switch (Access.requestList(c)) {
                    case DESK -> "desk";
                    case OWN_TEAM -> "team";
                    case OWN_REQUESTS -> "own";
                };
            } catch (Problem refused) {
                return String.valueOf(refused.kind().status);
            }
        });
        actions.put("queue", c -> outcome(() -> Access.requireTeamQueue(c, REGISTRY.team("team-a").orElseThrow(),
                REGISTRY)));
        actions.put("desk", c -> outcome(() -> Access.requireDesk(c)));
        actions.put("registry", c -> outcome(() -> Access.requireAdmin(c)));
        return actions;
    }

    private static Map<String, Function<Caller, String>> hoursActions() {
        Map<String, Function<Caller, String>> actions = new LinkedHashMap<>();
        actions.put("read", c -> outcome(() -> HoursAccess.requireRead(c, RECORD, REGISTRY)));
        actions.put("record", c -> outcome(() -> HoursAccess.requireRecord(c, "team-a")));
        actions.put("certify", c -> outcome(() -> HoursAccess.requireCertify(c, RECORD, REGISTRY)));
        actions.put("correct", c -> outcome(() -> HoursAccess.requireCorrect(c, RECORD, REGISTRY)));
        actions.put("dispute", c -> outcome(() -> HoursAccess.requireDispute(c, RECORD, REGISTRY)));
        actions.put("list", c -> {
            try {
                return HoursAccess.requireList(c, null, null).isPresent() ? "team" : "desk";
            } catch (Problem refused) {
                return String.valueOf(refused.kind().status);
            }
        });
        actions.put("volunteer", c -> outcome(() -> HoursAccess.requireVolunteerView(c, "v1", List.of("team-a"),
                REGISTRY)));
        actions.put("export", c -> outcome(() -> HoursAccess.requireExport(c,
                REGISTRY.area("weiyang").orElseThrow(), REGISTRY)));
        actions.put("activity", c -> outcome(() -> HoursAccess.requireCreateActivity(c)));
        return actions;
    }

    private static String outcome(Runnable check) {
        try {
            check.run();
            return "ok";
        } catch (Problem refused) {
            return String.valueOf(refused.kind().status);
        }
    }

    private static Caller caller(String sub, Set<Role> roles, String teamId, String areaId, String volunteerId) {
        return new Caller(sub, roles, teamId, areaId, volunteerId);
    }

    private static ServiceRequest request(Channel channel) {
        return new ServiceRequest("r1", RequestStatus.UNROUTED, "elderly_care", "help", channel, XINBEI,
                new Contact("张桂兰", "13812345678", "新北社区3号楼"), null, "resident-1", "resident-1", null, List.of(),
                Sla.startingAt(AT, Clocks.DESK_PROMISE, Optional.empty()), List.of(new TimelineEntry(AT, "submitted", "resident-1", null)),
                null, AT, AT, 1, null);
    }

    record Cell(String caller, String action, String expected) {
    }

    static List<Cell> cells(String table) {
        List<String> lines = table.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        return lines.stream().skip(1).flatMap(line -> {
            String[] cells = line.trim().split("\\s+");
            assertEquals(header.size(), cells.length, line);
            return Stream.iterate(1, i -> i < header.size(), i -> i + 1).map(i -> new Cell(cells[0], header.get(i),
                    cells[i]));
        }).toList();
    }

    @Test
    void eachTableHasAColumnForEveryActionItChecks() {
        assertEquals(REQUEST_ACTIONS.keySet(), cells(REQUESTS).stream().map(Cell::action).collect(Collectors.toSet()));
        assertEquals(HOURS_ACTIONS.keySet(), cells(HOURS).stream().map(Cell::action).collect(Collectors.toSet()));
        assertEquals(Set.copyOf(Arrays.stream(Role.values()).toList()), CALLERS.values().stream()
                .flatMap(c -> c.roles().stream()).collect(Collectors.toSet()), "every role has a caller");
    }

    @TestFactory
    Stream<DynamicTest> requestsAsTheTableSays() {
        return check(REQUESTS, REQUEST_ACTIONS);
    }

    @TestFactory
    Stream<DynamicTest> hoursAsTheTableSays() {
        return check(HOURS, HOURS_ACTIONS);
    }

    private static Stream<DynamicTest> check(String table, Map<String, Function<Caller, String>> actions) {
        return cells(table).stream().map(cell -> DynamicTest.dynamicTest(
                cell.caller() + " × " + cell.action() + " → " + cell.expected(), () -> {
                    Caller caller = CALLERS.get(cell.caller());
                    assertEquals(cell.expected(), actions.get(cell.action()).apply(caller));
                }));
    }
}
