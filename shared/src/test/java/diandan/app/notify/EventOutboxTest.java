package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoOutboxNotes;
import diandan.adapter.events.EventDetail;
import diandan.adapter.json.Json;
import diandan.app.registry.DemoRegistry;
import diandan.app.request.NewRequest;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.PrivateDataAudit;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.RequestLifecycle;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.port.StorageUnavailableException;
import diandan.port.notify.EventPublisher;
import diandan.port.notify.OutboxNotes;

/**
 * The outbox on dynalite: each write's events reach the bus once it is made, a write whose call stopped before
 * publishing is published by the schedule's drain once that call has ended, and a write that was never made
 * announces nothing.
 */
@ExtendWith(DynaliteExtension.class)
class EventOutboxTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller OPERATOR = new Caller("dispatcher-outbox", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);

    /** The bus as a list; {@code down} makes it refuse. */
    static final class RecordingBus implements EventPublisher {
        final List<DomainEvent> published = new ArrayList<>();
        boolean down;

        @Override
        public void publish(List<DomainEvent> events) {
            if (down) {
                throw new IllegalStateException("bus down");
            }
            events.forEach(event -> PrivateDataAudit.outgoing("bus event", Json.write(EventDetail.of(event))));
            published.addAll(events);
        }
    }

    LocalTable table;
    MutableClock clock;
    RecordingBus bus;
    Wiring wiring;

    @BeforeEach
    void setUp(LocalTable table) {
        this.table = table;
        DemoRegistry.loadInto(table);
        clock = new MutableClock(NOW);
        bus = new RecordingBus();
        wiring = new Wiring(table.client(), table.name(), clock, bus);
    }

    ServiceRequest submit() {
        return wiring.intake.submit(OPERATOR, new NewRequest("home_repair", "需要帮助", "xinbei", "3号楼2单元",
                "张桂兰", "13812345678", "hotline", null, null), null).request();
    }

    List<?> waitingNotes() {
        return new DynamoOutboxNotes(table.client(), table.name()).waiting(10);
    }

    @Test
    void aSubmissionAnnouncesItsDispatchToTheChosenTeamAndLeavesNoNote() {
        ServiceRequest request = submit();
        assertEquals(1, bus.published.size());
        DomainEvent dispatched = bus.published.get(0);
        assertEquals(EventType.DISPATCHED, dispatched.type());
        assertEquals(request.teamId(), dispatched.teamId());
        assertEquals(request.id() + ".1", dispatched.id());
        assertTrue(waitingNotes().isEmpty());
    }

    @Test
    void aWriteWhoseBusFailedIsPublishedByTheDrainOnlyOnceItsCallHasEnded() {
        bus.down = true;
        ServiceRequest request = submit();
        assertEquals(1, waitingNotes().size());
        bus.down = false;
        assertEquals(new EventOutbox.Result(0, 0, null), wiring.events.drain());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(new EventOutbox.Result(1, 0, null), wiring.events.drain());
        assertEquals(List.of(request.id() + ".1"), bus.published.stream().map(DomainEvent::id).toList());
        assertTrue(waitingNotes().isEmpty());
    }

    @Test
    void aWriteThatLostItsRaceAnnouncesNothing() {
        ServiceRequest request = submit();
        bus.published.clear();
        Caller leader = leaderOf(request.teamId());
        ServiceRequest accepted = RequestLifecycle.accept(request, leader.sub(), clock.instant());
        // a note left by a call that stopped before writing: the request never holds its entry
        wiring.events.hold(request, accepted);
        clock.advance(Duration.ofSeconds(1));
        wiring.dispatch.decline(leader, request.id(), null, "人手不够");
        int declineEvents = bus.published.size();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(new EventOutbox.Result(0, 1, null), wiring.events.drain());
        assertEquals(declineEvents, bus.published.size());
        assertTrue(bus.published.stream().noneMatch(event -> event.type() == EventType.ACCEPTED));
    }

    @Test
    void aConflictingChangeAbandonsItsNote() {
        ServiceRequest request = submit();
        Caller leader = leaderOf(request.teamId());
        wiring.dispatch.accept(leader, request.id(), null);
        assertThrows(Problem.class, () -> wiring.dispatch.accept(leader, request.id(), 1L));
        assertTrue(waitingNotes().isEmpty());
    }

    @Test
    void aNoteThatCouldNotBeClearedLeavesTheWriteStandingAndTheDrainPublishesAgain() {
        DynamoOutboxNotes stored = new DynamoOutboxNotes(table.client(), table.name());
        OutboxNotes clearingFails = new OutboxNotes() {
            @Override
            public void put(Note note) {
                stored.put(note);
            }

            @Override
            public void remove(String key) {
                throw new StorageUnavailableException("clear outbox note", null);
            }

            @Override
            public List<Note> waiting(int limit) {
                return stored.waiting(limit);
            }
        };
        ServiceRequest request = submit();
        bus.published.clear();
        EventOutbox outbox = new EventOutbox(clearingFails, bus, wiring.requests, null, clock);
        ServiceRequest accepted = RequestLifecycle.accept(request, leaderOf(request.teamId()).sub(), clock.instant());
        EventOutbox.Held held = outbox.hold(request, accepted);
        wiring.requests.replace(request, accepted);

        outbox.release(held);

        assertEquals(1, bus.published.size());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(new EventOutbox.Result(1, 0, null), wiring.events.drain());
        assertEquals(bus.published.get(0).id(), bus.published.get(1).id(), "the same event, for consumers to drop");
    }

    static Caller leaderOf(String teamId) {
        return new Caller("leader-of-" + teamId, EnumSet.of(Role.TEAM_LEADER), teamId, null, null);
    }
}
