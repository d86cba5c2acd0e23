package diandan.escalation;

import static diandan.escalation.Fixtures.submitted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DuePartitions;
import diandan.adapter.dynamodb.Keys;
import diandan.adapter.dynamodb.RequestItems;
import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Clocks;
import diandan.domain.Hold;
import diandan.domain.HoldEnd;
import diandan.domain.HoldReason;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.port.request.RequestRepository;

/**
 * A hold keeps the sweeper from escalating the clocks it stops, while its own limit takes the request's place in
 * the due index: the sweep that reaches the limit resumes it (at the limit, however late the sweep), and the
 * clocks then escalate at their moved deadlines. Reads stay with what is due.
 */
@ExtendWith(DynaliteExtension.class)
class HoldSweepTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    static final Sweeper.Limits UNBOUNDED = new Sweeper.Limits(10_000, Duration.ofMinutes(5));

    @Test
    void theSweepResumesAHoldAtItsLimitAndEscalatesOnlyAtTheMovedDeadlines(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        ServiceRequest dispatched = submitted("h1", SUBMITTED, Clocks.DESK_PROMISE, "team-a");
        requests.create(dispatched);
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader-a", SUBMITTED.plusSeconds(60));
        requests.replace(dispatched, accepted);
        Instant heldAt = SUBMITTED.plus(Duration.ofMinutes(10));
        ServiceRequest held = RequestLifecycle.hold(accepted, "leader-a", HoldReason.RESIDENT_UNREACHABLE, heldAt);
        requests.replace(accepted, held);
        Instant limit = heldAt.plus(Hold.MAX_HELD);
        assertEquals(DuePartitions.of(limit, "h1"), table.client().getItem(b -> b.tableName(table.name())
                .key(RequestItems.key("h1")).consistentRead(true)).item().get(Keys.DUE_KEY).s(),
                "on hold: due at the hold's limit, not at the reply deadline");

        Sweeper sweeper = Fixtures.sweeper(table, UNBOUNDED);
        Sweeper.Result pastReply = sweeper.sweep(SUBMITTED.plus(Duration.ofHours(1)));
        assertTrue(pastReply.escalations().isEmpty(), "the reply clock stands still");
        assertEquals(0, pastReply.requestsRead(), "nothing due: the request is not even read");

        Instant lateSweep = limit.plus(Duration.ofMinutes(3));
        Sweeper.Result atLimit = sweeper.sweep(lateSweep);
        ServiceRequest resumed = requests.find("h1").orElseThrow();
        assertEquals(Optional.empty(), resumed.sla().openHold());
        assertEquals(HoldEnd.LIMIT, resumed.sla().holds().get(0).endedBy());
        assertEquals(limit, resumed.sla().holds().get(0).endedAt());
        assertEquals(accepted.sla().replyBy().plus(Hold.MAX_HELD), resumed.sla().replyBy());
        assertEquals(accepted.sla().resolveBy().plus(Hold.MAX_HELD), resumed.sla().resolveBy());
        assertTrue(atLimit.escalations().isEmpty(), "the moved reply deadline lies 20 minutes after the limit");

        Sweeper.Result afterReply = sweeper.sweep(resumed.sla().replyBy());
        assertEquals(List.of(SlaClock.REPLY), afterReply.escalations().stream().map(Sweeper.Escalation::clock).toList());
        assertEquals(1, afterReply.requestsRead());
    }
}
