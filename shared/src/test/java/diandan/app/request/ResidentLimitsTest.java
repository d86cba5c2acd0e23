package diandan.app.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoResidentSlotRepository;
import diandan.adapter.http.Claims;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.HeldSlots;
import diandan.domain.Problem;
import diandan.domain.ServiceRequest;
import diandan.domain.SubmissionLimits;
import diandan.port.request.ResidentSlotRepository;

/**
 * Resolving a request leaves the open states: the resident's open slot comes back at once, not at closing. A
 * submission's slots taken without a read hold the same limits, and a retry takes none.
 */
@ExtendWith(DynaliteExtension.class)
class ResidentLimitsTest {
    static final Instant NOW = Instant.parse("2026-11-28T01:30:00Z");

    @Test
    void resolvingARequestGivesItsOpenSlotBack(LocalTable table) {
        DemoRegistry.loadInto(table);
        Wiring desk = new Wiring(table.client(), table.name(), new MutableClock(NOW));
        Caller resident = Claims.caller(ApiEvents.resident("resolving-resident"));
        List<ServiceRequest> open = new ArrayList<>();
        for (int i = 0; i < SubmissionLimits.DEFAULT.maxOpenPerResident(); i++) {
            open.add(submit(desk, resident, "open-" + i));
        }
        Problem full = assertThrows(Problem.class, () -> submit(desk, resident, "one-more"));
        assertEquals(Problem.Kind.TOO_MANY_REQUESTS, full.kind());

        ServiceRequest served = open.get(0);
        Caller leader = Claims.caller(ApiEvents.leader("leader-of-" + served.teamId(), served.teamId()));
        desk.dispatch.accept(leader, served.id(), null);
        desk.dispatch.resolve(leader, served.id(), null, "已代购一周生活用品并送到家中");
        assertEquals(resident.sub(), submit(desk, resident, "one-more").residentSub());
    }

    @Test
    void takesWithoutAReadHoldTheLimitsAndNeverTakeOneRequestsSlotsTwice(LocalTable table) {
        ResidentSlotRepository slots = new DynamoResidentSlotRepository(table.client(), table.name());
        assertFalse(slots.takeUnread("unread-resident", "r1", NOW, 2, 3), "no slots stored: the caller reads");
        assertTrue(slots.takeFirst("unread-resident", "r1", NOW));
        assertFalse(slots.takeFirst("unread-resident", "r2", NOW), "slots stored");
        assertFalse(slots.takeUnread("unread-resident", "r1", NOW, 2, 3), "r1 holds its slots already");
        assertTrue(slots.takeUnread("unread-resident", "r2", NOW, 2, 3));
        assertFalse(slots.takeUnread("unread-resident", "r3", NOW, 2, 3), "two open: full");
        slots.release("unread-resident", "r1");
        assertTrue(slots.takeUnread("unread-resident", "r3", NOW, 2, 3));
        slots.release("unread-resident", "r2");
        assertFalse(slots.takeUnread("unread-resident", "r4", NOW, 2, 3), "three of the hour: full");
        HeldSlots held = slots.held("unread-resident");
        assertEquals(Set.of("r3"), held.open().keySet());
        assertEquals(Set.of("r1", "r2", "r3"), held.lastHour().keySet());
    }

    @Test
    void aRetryOfAClosedSubmissionWhoseHourHasPassedTakesNoSlot(LocalTable table) {
        DemoRegistry.loadInto(table);
        MutableClock clock = new MutableClock(NOW);
        Wiring desk = new Wiring(table.client(), table.name(), clock);
        ResidentSlotRepository slots = new DynamoResidentSlotRepository(table.client(), table.name());
        Caller resident = Claims.caller(ApiEvents.resident("retrying-resident"));
        ServiceRequest first = submit(desk, resident, "retried-much-later");
        desk.intake.cancel(resident, first.id(), null, "已自行解决");
        clock.advance(Duration.ofHours(2));
        // a later take that read the slots has pruned the submission from the hour's
        HeldSlots held = slots.held(resident.sub());
        assertTrue(slots.replace(resident.sub(), held, held.without(Set.of(), Set.of(first.id()))));

        assertEquals(first.id(), submit(desk, resident, "retried-much-later").id(), "the first request, replayed");
        HeldSlots after = slots.held(resident.sub());
        assertEquals(Set.of(), after.open().keySet(), "the retry holds no open slot");
        assertEquals(Set.of(), after.lastHour().keySet(), "nor one of the hour: it is no new submission");
    }

    static ServiceRequest submit(Wiring desk, Caller resident, String key) {
        return desk.intake.submit(resident, new NewRequest("elderly_care", "需要帮助", "xinbei", "3号楼2单元", "张桂兰",
                "13812345678", "mini_program", null, null), key).request();
    }
}
