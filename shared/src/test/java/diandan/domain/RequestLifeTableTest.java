package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The request's life as a table ({@link RequestLifecycle}, docs/design.md "Request life"): for each status (row)
 * and each change (column), the status the change leaves the request in, or {@code -} where the change is refused
 * as a conflict (409) and changes nothing. Who may make a change is another table ({@link PermissionTableTest}).
 *
 * <p>The columns: {@code dispatch} by hand to another team; {@code escalate} the respond clock, long after its
 * deadline; {@code rate} within the rating window; {@code close} the system's closing once the window has ended;
 * {@code erase} the erasure of the resident's contact data.
 * The request is with team-a in every status a team holds it. No storage, no engine: the rule is pure.
 */
class RequestLifeTableTest {
    static final String TABLE = """
            status      cancel     dispatch    claim       accept      decline     reply       start       resolve     rate     close     escalate    erase
            unrouted    cancelled  dispatched  -           -           -           -           -           -           -        -         unrouted    -
            open_wish   cancelled  dispatched  dispatched  -           -           -           -           -           -        -         open_wish   -
            dispatched  cancelled  dispatched  -           accepted    dispatched  -           -           -           -        -         dispatched  -
            accepted    cancelled  dispatched  -           -           -           accepted    in_service  resolved    -        -         -           -
            in_service  cancelled  -           -           -           -           in_service  -           resolved    -        -         -           -
            resolved    -          -           -           -           -           -           -           -           closed   closed    -           -
            closed      -          -           -           -           -           -           -           -           -        -         -           closed
            cancelled   -          -           -           -           -           -           -           -           -        -         -           cancelled
            """;

    static final Instant SUBMITTED = Instant.parse("2026-11-28T01:00:00Z");
    static final Instant STEP = SUBMITTED.plus(Duration.ofMinutes(5));
    static final Instant RESOLVED_AT = SUBMITTED.plus(Duration.ofHours(2));

    /** Each change as the use cases make it, at a moment where only the status decides. */
    static final Map<String, BiFunction<ServiceRequest, Instant, ServiceRequest>> CHANGES = changes();

    private static Map<String, BiFunction<ServiceRequest, Instant, ServiceRequest>> changes() {
        Map<String, BiFunction<ServiceRequest, Instant, ServiceRequest>> changes = new LinkedHashMap<>();
        changes.put("cancel", (r, at) -> RequestLifecycle.cancel(r, "resident-1", "no longer needed", at));
        changes.put("dispatch", (r, at) -> RequestLifecycle.dispatch(r, "team-b", "dispatcher-1", "closer", at));
        changes.put("claim", (r, at) -> RequestLifecycle.claim(r, "team-b", "leader-b", "we can", at));
        changes.put("accept", (r, at) -> RequestLifecycle.accept(r, "leader-a", at));
        changes.put("decline", (r, at) -> RequestLifecycle.decline(r, "leader-a", "short-handed", at));
        changes.put("reply", (r, at) -> RequestLifecycle.reply(r, "leader-a", "coming on Saturday", null, at));
        changes.put("start", (r, at) -> RequestLifecycle.start(r, "leader-a", at));
        changes.put("resolve", (r, at) -> RequestLifecycle.resolve(r, "leader-a", "done", at));
        changes.put("erase", (r, at) -> RequestLifecycle.eraseContact(r, "resident-1", null, at));
        changes.put("rate", (r, at) -> RequestLifecycle.rate(r, "resident-1", new Rating(5, "resolved", null,
                RESOLVED_AT.plus(Duration.ofHours(1)))));
        changes.put("close", (r, at) -> RequestLifecycle.close(r, RESOLVED_AT.plus(RequestLifecycle.RATING_WINDOW)));
        changes.put("escalate", (r, at) -> RequestLifecycle.escalate(r, SlaClock.RESPOND, null,
                SUBMITTED.plus(Duration.ofDays(30))));
        return changes;
    }

    /** A request in each status, reached the way the system reaches it. */
    static ServiceRequest inStatus(RequestStatus status) {
        ServiceRequest submitted = submitted(Channel.APP);
        ServiceRequest dispatched = RequestLifecycle.dispatch(submitted, "team-a", TimelineEntry.SYSTEM, "near", SUBMITTED);
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader-a", STEP);
        ServiceRequest inService = RequestLifecycle.start(accepted, "leader-a", STEP);
        ServiceRequest resolved = RequestLifecycle.resolve(inService, "leader-a", "done", RESOLVED_AT);
        return switch (status) {
            case UNROUTED -> submitted;
            case OPEN_WISH -> submitted(Channel.WISH_WALL).next().status(RequestStatus.OPEN_WISH).build(SUBMITTED);
            case DISPATCHED -> dispatched;
            case ACCEPTED -> accepted;
            case IN_SERVICE -> inService;
            case RESOLVED -> resolved;
            case CLOSED -> RequestLifecycle.rate(resolved, "resident-1", new Rating(4, "resolved", null, RESOLVED_AT));
            case CANCELLED -> RequestLifecycle.cancel(submitted, "resident-1", "by phone", STEP);
        };
    }

    private static ServiceRequest submitted(Channel channel) {
        return new ServiceRequest("r1", RequestStatus.UNROUTED, "elderly_care", "help", channel,
                new AreaPath("xinbei", "weiyang", "weicheng"), new Contact("张桂兰", "13812345678", "新北社区3号楼"),
                null, "resident-1", "resident-1", null, List.of(), Sla.startingAt(SUBMITTED, Clocks.DESK_PROMISE, Optional.empty()),
                List.of(new TimelineEntry(SUBMITTED, "submitted", "resident-1", null)), null, SUBMITTED, SUBMITTED,
                1, null);
    }

    record Cell(RequestStatus from, String change, String expected) {
    }

    static List<Cell> cells() {
        List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        return lines.stream().skip(1).flatMap(line -> {
            String[] cells = line.trim().split("\\s+");
            RequestStatus from = RequestStatus.fromCode(cells[0]).orElseThrow(() -> new AssertionError(line));
            return Stream.iterate(1, i -> i < header.size(), i -> i + 1)
                    .map(i -> new Cell(from, header.get(i), cells[i]));
        }).toList();
    }

    @Test
    void theTableHasARowForEveryStatusAndAColumnForEveryChange() {
        assertEquals(Set.of(RequestStatus.values()), cells().stream().map(Cell::from).collect(Collectors.toSet()));
        assertEquals(CHANGES.keySet(), cells().stream().map(Cell::change).collect(Collectors.toSet()));
        assertEquals(RequestStatus.values().length * CHANGES.size(), cells().size(), "one cell per status and change");
    }

    @TestFactory
    Stream<DynamicTest> eachChangeFromEachStatusEndsAsTheTableSays() {
        return cells().stream().map(cell -> DynamicTest.dynamicTest(
                cell.from().code() + " × " + cell.change() + " → " + cell.expected(), () -> {
                    ServiceRequest before = inStatus(cell.from());
                    assertEquals(cell.from(), before.status(), "the fixture");
                    BiFunction<ServiceRequest, Instant, ServiceRequest> change = CHANGES.get(cell.change());
                    if (cell.expected().equals("-")) {
                        Problem refused = assertThrows(Problem.class, () -> change.apply(before, STEP.plusSeconds(60)));
                        assertEquals(Problem.Kind.CONFLICT, refused.kind(), refused.getMessage());
                    } else {
                        ServiceRequest after = change.apply(before, STEP.plusSeconds(60));
                        assertEquals(cell.expected(), after.status().code());
                    }
                }));
    }
}
