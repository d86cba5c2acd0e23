package diandan.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.app.escalation.Sweeper;
import diandan.app.request.NewRequest;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StaleIndexes;
import diandan.domain.Alert;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;

/**
 * The sweep and the alert outbox through indexes that lag (the due index and the outbox are both index
 * queries): whatever they act on is read again from the table, so a lagging index neither escalates a promise
 * that was kept nor publishes an alert twice.
 */
@ExtendWith(DynaliteExtension.class)
class StaleIndexEscalationTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller RESIDENT = new Caller("resident-zhang", Set.of(Role.RESIDENT), null, null, null);

    private record Desk(StaleIndexes indexes, LocalTable table, MutableClock clock, Wiring wiring) {
    }

    private static Desk desk(LocalTable engine) {
        LocalTable fresh = Fixtures.freshTable(engine);
        Fixtures.loadDemoRegistry(fresh);
        MutableClock clock = new MutableClock(SUBMITTED);
        StaleIndexes indexes = StaleIndexes.lagging(fresh, clock, Duration.ZERO);
        LocalTable table = indexes.table();
        return new Desk(indexes, table, clock, new Wiring(table.client(), table.name(), clock));
    }

    private static ServiceRequest submit(Desk desk) {
        return desk.wiring().intake.submit(RESIDENT, new NewRequest("elderly_care", "每周代购生活用品", "xinbei",
                "新北社区3号楼", "张桂兰", "13812345678", "mini_program", null, null), null).request();
    }

    private static ScheduledEvent tick(Instant at) {
        ScheduledEvent event = ApiEvents.schedule("schedule-tick.json");
        event.setTime(new DateTime(at.toEpochMilli(), DateTimeZone.UTC));
        return event;
    }

    @Test
    void aRepeatedTickPublishesNothingAgainWhileTheOutboxIndexLags(LocalTable engine) {
        Desk desk = desk(engine);
        ServiceRequest request = submit(desk);
        List<Alert> published = new CopyOnWriteArrayList<>();
        EscalationHandler handler = new EscalationHandler(desk.table().client(), desk.table().name(),
                Fixtures.PRESENT, published::add, Sweeper.Limits.STANDARD);
        Instant nextDay = SUBMITTED.plus(Duration.ofDays(1)).plusSeconds(60);
        desk.clock().set(nextDay);

        Map<String, Object> first = handler.handleRequest(tick(nextDay), null);
        assertEquals(3, first.get("escalated"), first.toString());
        assertEquals(Set.of(1, 2, 3), published.stream().filter(a -> a.requestId().equals(request.id()))
                .map(Alert::level).filter(level -> level > 0).collect(Collectors.toSet()));
        int publishedOnce = published.size();

        // the outbox index still lists the alerts the first tick published, and the due index the old deadlines
        desk.indexes().pause();
        Map<String, Object> again = handler.handleRequest(tick(nextDay), null);
        assertTrue(desk.indexes().behind() > 0, "the indexes lag behind the first tick's writes");
        assertEquals(0, again.get("escalated"), "the same tick twice: nothing more escalated");
        assertEquals(0, again.get("alertsPublished"), "nor published again: " + published.subList(publishedOnce,
                published.size()));
        assertEquals(publishedOnce, published.size());
    }

    @Test
    void aPromiseKeptWhileTheDueIndexLagsIsNotEscalated(LocalTable engine) {
        Desk desk = desk(engine);
        ServiceRequest request = submit(desk);
        desk.indexes().pause(); // the due index keeps the respond deadline it had at submission
        desk.clock().set(SUBMITTED.plus(Duration.ofMinutes(10)));
        desk.wiring().dispatch.accept(Claims.caller(ApiEvents.claims("leader-of-" + request.teamId(), "team_leader",
                request.teamId(), null, null)), request.id(), null);
        List<Alert> published = new CopyOnWriteArrayList<>();
        EscalationHandler handler = new EscalationHandler(desk.table().client(), desk.table().name(),
                Fixtures.PRESENT, published::add, Sweeper.Limits.STANDARD);

        Instant afterRespondDeadline = SUBMITTED.plus(Duration.ofMinutes(16));
        desk.clock().set(afterRespondDeadline);
        Map<String, Object> swept = handler.handleRequest(tick(afterRespondDeadline), null);

        assertEquals(0, swept.get("escalated"), "accepted within 15 minutes: " + swept);
        assertTrue(published.stream().noneMatch(a -> a.requestId().equals(request.id()) && a.level() > 0));
        ServiceRequest stored = desk.wiring().requests.find(request.id()).orElseThrow();
        assertTrue(stored.timeline().stream().noneMatch(e -> e.type().equals("escalated")));
    }
}
