package diandan.app.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;
import diandan.domain.RequestStatus;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;

/**
 * What a submission costs, counted at the client: the registry and the clock policy come from their caches
 * (loaded once a minute, here before the tests), routing reads its candidates' loads in one batch, and each
 * item that changes is written once. A resident's submission also
 * takes its slots for the submission limits (a consistent read and a conditional put of the resident's slot
 * item, intake's rule); an operator's hotline submission is not limited, which shows routing's own cost alone.
 */
@ExtendWith(DynaliteExtension.class)
class SubmissionCostTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller RESIDENT = new Caller("resident-cost", EnumSet.of(Role.RESIDENT), null, null, null);
    static final Caller OPERATOR = new Caller("dispatcher-cost", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);
    /**
     * The submission limits' slots: the resident's slot item read, and written with the new slots without waiting
     * for the read, by two writes made with it, of which one is refused: the item's creation, for a resident who
     * has none (here), and the update of the item a resident has.
     */
    static final Map<String, Integer> LIMIT_COUNTS = Map.of("GetItem", 1, "PutItem", 1, "UpdateItem", 1);
    /**
     * A request whose creation implies more writes (its team's load, its unrouted alert) is noted before it is
     * written, so that a call stopped in between is finished by the schedule, which takes the note out (after the
     * call: {@link SubmissionNotesTest}).
     */
    static final Map<String, Integer> SETTLE_NOTE = Map.of("PutItem", 1);
    static StoreProbe probe;
    static Wiring wiring;

    @BeforeAll
    static void setUp(LocalTable table) {
        DemoRegistry.loadInto(table);
        probe = StoreProbe.on(table).build();
        wiring = new Wiring(probe.client(), table.name(), new MutableClock(NOW));
        wiring.registry.get();
        wiring.clockPolicies.current();
    }

    @Test
    void routingReadsTheCandidatesLoadsOnceAndWritesTheChosenTeamsLoad() {
        ServiceRequest request = submit(OPERATOR, "home_repair", "xinbei", "hotline");
        assertEquals(RequestStatus.DISPATCHED, request.status());
        assertEquals(with(SETTLE_NOTE, Map.of("BatchGetItem", 1, "PutItem", 1, "UpdateItem", 1)), counts());
    }

    @Test
    void aResidentsRoutedSubmissionAddsOnlyTheLimitCounts() {
        ServiceRequest request = submit(RESIDENT, "elderly_care", "xinbei", "mini_program");
        assertEquals(RequestStatus.DISPATCHED, request.status());
        assertEquals(with(with(LIMIT_COUNTS, SETTLE_NOTE), Map.of("BatchGetItem", 1, "PutItem", 1, "UpdateItem", 1)),
                counts());
    }

    @Test
    void anUnroutedSubmissionReadsNoLoadAndWritesTheRequestAndItsAlert() {
        ServiceRequest request = submit(RESIDENT, "home_repair", "changqing-shihua", "app");
        assertEquals(RequestStatus.UNROUTED, request.status());
        assertEquals(with(with(LIMIT_COUNTS, SETTLE_NOTE), Map.of("PutItem", 2)), counts());
    }

    @Test
    void aWishIsOneWriteAndNeedsNoNote() {
        ServiceRequest request = submit(RESIDENT, "education", "sanpu", "wish_wall");
        assertEquals(RequestStatus.OPEN_WISH, request.status());
        assertEquals(with(LIMIT_COUNTS, Map.of("PutItem", 1)), counts());
    }

    static ServiceRequest submit(Caller caller, String category, String community, String channel) {
        probe.reset();
        return wiring.intake.submit(caller, new NewRequest(category, "需要帮助", community, "3号楼2单元", "张桂兰",
                "13812345678", channel, null, null), null).request();
    }

    static Map<String, Integer> with(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> sum = new TreeMap<>(a);
        b.forEach((operation, n) -> sum.merge(operation, n, Integer::sum));
        return sum;
    }

    static Map<String, Integer> counts() {
        return probe.reading().calls();
    }
}
