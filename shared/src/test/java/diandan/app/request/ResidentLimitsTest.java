package diandan.app.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.ServiceRequest;
import diandan.domain.SubmissionLimits;

/** Resolving a request leaves the open states: the resident's open slot comes back at once, not at closing. */
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

    static ServiceRequest submit(Wiring desk, Caller resident, String key) {
        return desk.intake.submit(resident, new NewRequest("elderly_care", "需要帮助", "xinbei", "3号楼2单元", "张桂兰",
                "13812345678", "mini_program", null, null), key).request();
    }
}
