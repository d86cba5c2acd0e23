package diandan.escalation;

import static diandan.escalation.Fixtures.submitted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoDueIndex;
import diandan.adapter.dynamodb.RequestItems;
import diandan.app.escalation.Sweeper;
import diandan.app.request.Routing;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Alert;
import diandan.domain.AreaType;
import diandan.domain.Clocks;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.TimelineEntry;
import diandan.port.escalation.AlertQuery;
import diandan.port.escalation.DueIndex;
import diandan.port.request.RequestRepository;

@ExtendWith(DynaliteExtension.class)
class SweeperTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    static final Sweeper.Limits UNBOUNDED = new Sweeper.Limits(10_000, Duration.ofMinutes(5));

    @Test
    void climbsTheLadderOneRungPerMissedDeadlineAtTheDeadlineAndNeverBefore(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        requests.create(submitted("r1", SUBMITTED, Clocks.DESK_PROMISE, "team-a"));
        Sweeper sweeper = Fixtures.sweeper(table, UNBOUNDED);

        assertTrue(sweeper.sweep(Instant.parse("2026-11-28T09:44:59.999Z")).escalations().isEmpty());

        Sweeper.Result atRespondDeadline = sweeper.sweep(Instant.parse("2026-11-28T09:45:00Z"));
        assertEquals(List.of(new Sweeper.Escalation("r1", SlaClock.RESPOND, Instant.parse("2026-11-28T09:45:00Z"))),
                atRespondDeadline.escalations());
        ServiceRequest rerouted = requests.find("r1").orElseThrow();
        assertEquals(RequestStatus.DISPATCHED, rerouted.status());
        assertEquals("team-b", rerouted.teamId(), "re-routed away from the silent team");
        assertEquals(List.of("team-a"), rerouted.declinedTeams());
        assertEquals(1, rerouted.sla().escalationLevel());
        assertEquals(List.of("submitted", "dispatched", "warned", "escalated", "dispatched"),
                rerouted.timeline().stream().map(TimelineEntry::type).toList(), "warned at 12 of the 15 minutes");
        assertEquals("level 1: respond deadline missed; community station xinbei alerted",
                rerouted.timeline().get(3).note());

        assertTrue(sweeper.sweep(Instant.parse("2026-11-28T09:45:00Z")).escalations().isEmpty(),
                "a duplicate delivery of the same tick escalates nothing more");
        assertTrue(sweeper.sweep(Instant.parse("2026-11-28T09:59:00Z")).escalations().isEmpty());

        assertEquals(SlaClock.REPLY, sweeper.sweep(Instant.parse("2026-11-28T10:00:00Z")).escalations().get(0).clock());
        assertEquals(SlaClock.RESOLVE, sweeper.sweep(Instant.parse("2026-11-29T09:30:20Z")).escalations().get(0).clock());
        ServiceRequest done = requests.find("r1").orElseThrow();
        assertEquals(3, done.sla().escalationLevel());
        assertTrue(done.nextDue().isEmpty());
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = table.client()
                .getItem(b -> b.tableName(table.name()).key(RequestItems.key("r1"))).item();
        assertFalse(item.containsKey("dueKey"), "no pending clock: out of the due index");

        List<Alert> alerts = Fixtures.alerts(table).list(new AlertQuery(AreaType.DISTRICT, "weicheng", null, null, 10, null))
                .items();
        assertEquals(List.of(3, 2, 1), alerts.stream().map(Alert::level).toList(), "newest first");
        assertEquals(List.of("weicheng", "weiyang", "xinbei"), alerts.stream().map(Alert::areaId).toList());
    }

    @Test
    void aTickFromTheFutureLeavesTheWatermarkAtThePresentSoLaterRequestsStillEscalate(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        MutableClock wall = new MutableClock(Instant.parse("2026-11-28T15:42:00Z"));
        Sweeper sweeper = Fixtures.sweeper(table, requests, Fixtures.NEXT_TEAM, UNBOUNDED, wall);
        Instant tomorrow = Instant.parse("2026-11-29T16:00:00Z");
        requests.create(submitted("f1", Instant.parse("2026-11-28T15:00:00Z"), Clocks.DESK_PROMISE, "team-a"));
        Sweeper.Result first = sweeper.sweep(tomorrow);
        assertEquals(3, first.escalations().size());
        assertEquals(Instant.parse("2026-11-28T15:00:00Z"), first.watermark(), "not tomorrow: the present hour");

        wall.set(Instant.parse("2026-11-28T15:50:00Z"));
        requests.create(submitted("f2", Instant.parse("2026-11-28T15:45:00Z"), Clocks.DESK_PROMISE, "team-a"));
        assertEquals(List.of("f2", "f2", "f2"), sweeper.sweep(tomorrow).escalations().stream()
                .map(Sweeper.Escalation::requestId).toList(), "the same tick again finds the new request");
    }

    @Test
    void aClockStoppedInTimeIsNeverEscalated(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        ServiceRequest dispatched = submitted("r2", SUBMITTED, Clocks.DESK_PROMISE, "team-a");
        requests.create(dispatched);
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader-a", SUBMITTED.plusSeconds(600));
        requests.replace(dispatched, accepted);
        ServiceRequest replied = RequestLifecycle.reply(accepted, "leader-a", "tomorrow at nine", null,
                SUBMITTED.plusSeconds(1799));
        requests.replace(accepted, replied);

        Sweeper sweeper = Fixtures.sweeper(table, UNBOUNDED);
        assertTrue(sweeper.sweep(Instant.parse("2026-11-28T10:01:00Z")).escalations().isEmpty());
        ServiceRequest resolved = RequestLifecycle.resolve(replied, "leader-a", "done", Instant.parse("2026-11-29T09:00:00Z"));
        requests.replace(replied, resolved);
        assertTrue(sweeper.sweep(Instant.parse("2026-11-29T10:00:00Z")).escalations().isEmpty());
        assertEquals(0, requests.find("r2").orElseThrow().sla().escalationLevel());
    }

    @Test
    void afterAnOutageEscalatesEveryMissedClockOfARequestInOneWriteInDeadlineOrder(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        requests.create(submitted("r3", SUBMITTED, Clocks.DESK_PROMISE, null));

        Sweeper.Result late = Fixtures.sweeper(table, UNBOUNDED).sweep(Instant.parse("2026-11-28T11:05:00Z"));
        assertEquals(List.of(SlaClock.RESPOND, SlaClock.REPLY), late.escalations().stream().map(Sweeper.Escalation::clock).toList());
        assertEquals(2, late.alertsRaised());
        ServiceRequest request = requests.find("r3").orElseThrow();
        assertEquals(RequestStatus.UNROUTED, request.status(), "an unrouted request stays in the dispatchers' queue");
        assertEquals(List.of("level 1", "level 2"), request.timeline().stream().filter(e -> e.type().equals("escalated"))
                .map(e -> e.note().substring(0, 7)).toList());
    }

    @Test
    void aStaleIndexEntryIsCheckedOnTheRequestAndLeftAlone(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        ServiceRequest dispatched = submitted("r4", SUBMITTED, Clocks.DESK_PROMISE, "team-a");
        requests.create(dispatched);
        requests.replace(dispatched, RequestLifecycle.accept(dispatched, "leader-a", SUBMITTED.plusSeconds(60)));
        // the index still shows the respond deadline, as a lagging GSI would
        DueIndex real = new DynamoDueIndex(table.client(), table.name());
        DueIndex lagging = new DueIndex() {
            @Override
            public int shards() {
                return real.shards();
            }

            @Override
            public Batch due(Instant hour, int shard, Instant upTo, Entry after, int limit) {
                boolean staleHere = hour.equals(Instant.parse("2026-11-28T09:00:00Z")) && shard == 0 && after == null;
                return staleHere ? new Batch(List.of(new Entry(SUBMITTED.plusSeconds(900), "r4")), false)
                        : real.due(hour, shard, upTo, after, limit);
            }

            @Override
            public List<Entry> dueIn(String districtId, Instant from, Instant upTo) {
                return real.dueIn(districtId, from, upTo);
            }

            @Override
            public java.util.Optional<Instant> watermark() {
                return real.watermark();
            }

            @Override
            public void advanceWatermark(Instant hour) {
                real.advanceWatermark(hour);
            }
        };
        Sweeper sweeper = Fixtures.sweeper(table, requests, lagging, Fixtures.NEXT_TEAM, UNBOUNDED,
                Fixtures.PRESENT);
        Sweeper.Result result = sweeper.sweep(Instant.parse("2026-11-28T09:46:00Z"));
        assertTrue(result.escalations().isEmpty());
        assertEquals(1, result.requestsRead());
        assertEquals(3, requests.find("r4").orElseThrow().version(), "submitted, dispatched, accepted: nothing more");
    }

    @Test
    void losingTheWriteToAnOverlappingSweepLeavesOneEscalationAndOneAlert(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository stored = Fixtures.requests(table);
        stored.create(submitted("r5", SUBMITTED, Clocks.DESK_PROMISE, "team-a"));
        Instant now = Instant.parse("2026-11-28T09:45:30Z");
        Sweeper other = Fixtures.sweeper(table, UNBOUNDED);
        AtomicBoolean overtaken = new AtomicBoolean();
        RequestRepository overtakenOnce = ForwardingRequests.beforeReplace(stored, (previous, next) -> {
            if (overtaken.compareAndSet(false, true)) {
                assertEquals(1, other.sweep(now).escalations().size(), "the other sweep gets there first");
            }
        });
        Sweeper slow = Fixtures.sweeper(table, overtakenOnce, Fixtures.NEXT_TEAM, UNBOUNDED, Fixtures.PRESENT);
        Sweeper.Result result = slow.sweep(now);
        assertTrue(result.escalations().isEmpty());
        assertEquals(2, result.requestsRead(), "read again after losing the write");
        ServiceRequest request = stored.find("r5").orElseThrow();
        assertEquals(1, request.timeline().stream().filter(e -> e.type().equals("escalated")).count());
        assertEquals(1, Fixtures.alerts(table).list(new AlertQuery(AreaType.COMMUNITY, "xinbei", 1, null, 10, null))
                .items().size());
    }

    @Test
    void aTeamActingBetweenTheSweepsReadAndWriteIsNeverOverwritten(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository stored = Fixtures.requests(table);
        stored.create(submitted("r8", SUBMITTED, Clocks.DESK_PROMISE, "team-a"));
        Instant now = Instant.parse("2026-11-28T09:46:00Z");
        AtomicBoolean acceptedMeanwhile = new AtomicBoolean();
        RequestRepository teamAcceptsFirst = ForwardingRequests.beforeReplace(stored, (previous, next) -> {
            if (acceptedMeanwhile.compareAndSet(false, true)) {
                stored.replace(previous, RequestLifecycle.accept(previous, "leader-a", now.plusMillis(5)));
            }
        });
        Sweeper sweeper = Fixtures.sweeper(table, teamAcceptsFirst, Fixtures.NEXT_TEAM, UNBOUNDED, Fixtures.PRESENT);
        assertTrue(sweeper.sweep(now).escalations().isEmpty(), "accepted, late: the clock stopped, nothing to escalate");
        ServiceRequest request = stored.find("r8").orElseThrow();
        assertEquals(RequestStatus.ACCEPTED, request.status());
        assertEquals("team-a", request.teamId());
        assertFalse(request.sla().met(SlaClock.RESPOND));
        // the alert went out before the write and stays: it says what happened, the deadline was missed
        assertEquals(1, Fixtures.alerts(table).list(new AlertQuery(AreaType.COMMUNITY, "xinbei", 1, null, 10, null))
                .items().size());
    }

    @Test
    void oneRequestThatFailsDoesNotHoldUpTheOthersAndKeepsItsHourOpen(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        requests.create(submitted("r6", SUBMITTED, Clocks.DESK_PROMISE, "team-a"));
        requests.create(submitted("r7", SUBMITTED.plusSeconds(1), Clocks.DESK_PROMISE, "team-a"));
        AtomicBoolean broken = new AtomicBoolean(true);
        Routing brokenForR6 = (request, at) -> {
            if (broken.get() && request.id().equals("r6")) {
                throw new IllegalStateException("routing bug");
            }
            return Fixtures.NEXT_TEAM.route(request, at);
        };
        Sweeper sweeper = Fixtures.sweeper(table, requests, brokenForR6, UNBOUNDED, Fixtures.PRESENT);
        Sweeper.Result first = sweeper.sweep(Instant.parse("2026-11-28T10:00:30Z"));
        assertEquals(List.of("r7", "r7"), first.escalations().stream().map(Sweeper.Escalation::requestId).toList());
        assertEquals("r6", first.failures().get(0).requestId());
        assertFalse(first.caughtUp());
        assertTrue(first.watermark().isBefore(Instant.parse("2026-11-28T09:00:01Z")), "the 09:00 hour stays open");

        broken.set(false);
        Sweeper.Result second = sweeper.sweep(Instant.parse("2026-11-28T10:01:30Z"));
        assertEquals(List.of(SlaClock.RESPOND, SlaClock.REPLY),
                second.escalations().stream().map(Sweeper.Escalation::clock).toList());
        assertTrue(second.caughtUp());
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), second.watermark());
    }

    @Test
    void stopsAtItsLimitAndLeavesTheRestForTheNextSweep(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        List<ServiceRequest> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(submitted("r" + (10 + i), SUBMITTED.plusSeconds(i), Clocks.DESK_PROMISE, "team-a"));
        }
        Fixtures.createAll(table, batch);
        Sweeper sweeper = Fixtures.sweeper(table, new Sweeper.Limits(2, Duration.ofMinutes(1)));
        Instant now = Instant.parse("2026-11-28T09:50:00Z");
        Sweeper.Result first = sweeper.sweep(now);
        assertEquals(List.of("r10", "r11"), first.escalations().stream().map(Sweeper.Escalation::requestId).toList());
        assertFalse(first.caughtUp());
        assertEquals(List.of("r12", "r13"), sweeper.sweep(now.plusSeconds(60)).escalations().stream()
                .map(Sweeper.Escalation::requestId).toList());
        Sweeper.Result last = sweeper.sweep(now.plusSeconds(120));
        assertEquals(List.of("r14"), last.escalations().stream().map(Sweeper.Escalation::requestId).toList());
        assertTrue(last.caughtUp());
    }
}
