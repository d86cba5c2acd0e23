package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlertTest {
    static final Instant T0 = Instant.parse("2026-11-28T09:30:00Z");

    static ServiceRequest unrouted() {
        ServiceRequest draft = new ServiceRequest("r1", RequestStatus.UNROUTED, "legal", "help", Channel.APP,
                new AreaPath("xinbei", "weiyang", "weicheng"), new Contact("张三", "13812345678", "新北社区"), null,
                "resident", "resident", null, List.of(), Sla.startingAt(T0, Clocks.DESK_PROMISE, Optional.empty()),
                List.of(new TimelineEntry(T0, "submitted", "resident", null)), null, T0, T0, 0, null);
        return RequestLifecycle.unroute(draft, TimelineEntry.SYSTEM, "no team", T0);
    }

    @Test
    void anUnroutedRequestIsRaisedOncePerTimeItBecomesUnrouted() {
        ServiceRequest unrouted = unrouted();
        ServiceRequest escalated = RequestLifecycle.escalate(unrouted, SlaClock.RESPOND, null, T0.plusSeconds(901));
        assertEquals(Alert.raise(unrouted, 0, "unrouted", T0).id(), Alert.raise(escalated, 0, "unrouted", T0).id(),
                "further writes while it stays unrouted raise nothing new");

        ServiceRequest dispatched = RequestLifecycle.dispatch(escalated, "team-a", "d", "by hand", T0.plusSeconds(960));
        ServiceRequest declined = RequestLifecycle.decline(dispatched, "leader", "too far", T0.plusSeconds(990));
        ServiceRequest unroutedAgain = RequestLifecycle.unroute(declined, TimelineEntry.SYSTEM, "no team left", T0.plusSeconds(990));
        assertNotEquals(Alert.raise(unrouted, 0, "unrouted", T0).id(), Alert.raise(unroutedAgain, 0, "unrouted", T0).id());
    }

    @Test
    void missedDeadlinesGoUpTheHierarchy() {
        ServiceRequest request = unrouted();
        assertEquals("xinbei", Alert.raise(request, 1, "respond deadline missed", T0).areaId());
        assertEquals("weiyang", Alert.raise(request, 2, "reply deadline missed", T0).areaId());
        assertEquals("weicheng", Alert.raise(request, 3, "resolve deadline missed", T0).areaId());
    }
}
