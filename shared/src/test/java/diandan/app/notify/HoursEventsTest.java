package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoOutboxNotes;
import diandan.app.hours.HoursRollup;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.hours.Capture;
import diandan.domain.hours.Dispute;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;

/**
 * Hours certified and disputed reach the bus through the outbox, each once with an id of its own that a
 * republication keeps; a note left by a call that stopped is published by the drain exactly when the record
 * shows the change.
 */
@ExtendWith(DynaliteExtension.class)
class HoursEventsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller DESK = new Caller("dispatcher-hours", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);
    static final Caller VOLUNTEER = new Caller("u-v0105", EnumSet.of(Role.VOLUNTEER), null, null, "v0105");

    LocalTable table;
    MutableClock clock;
    EventOutboxTest.RecordingBus bus;
    HoursWiring hours;

    @BeforeEach
    void setUp(LocalTable table) {
        this.table = table;
        DemoRegistry.loadInto(table);
        clock = new MutableClock(NOW);
        bus = new EventOutboxTest.RecordingBus();
        hours = new HoursWiring(new Wiring(table.client(), table.name(), clock, bus), HoursRollup.Settings.standard());
    }

    /** A pending record of an activity of its own: the table outlives each test. */
    HoursRecord pending() {
        Source activity = new Source(SourceType.ACTIVITY, "a-outbox-" + System.nanoTime());
        String id = HoursRecord.originalId("v0105", activity);
        HoursRecord record = new HoursRecord(id, id, "v0105", "xinbei-linlicheng", "邻里成服务队", activity, "理发", "home_repair",
                new AreaPath("xinbei", "weiyang", "weicheng"), 4, LocalDate.parse("2026-11-27"), "理发", "带工具",
                RecordStatus.PENDING, null, List.of(), null, List.of(), "leader-xinbei", NOW.minusSeconds(3600),
                null, null, null, null, null, 1, Capture.MANUAL);
        assertTrue(hours.records.create(record));
        return record;
    }

    List<?> waitingNotes() {
        return new DynamoOutboxNotes(table.client(), table.name()).waiting(10);
    }

    @Test
    void aCertificationAnnouncesOneEventForTheVolunteerWithIdsOnlyAndLeavesNoNote() {
        HoursRecord record = pending();
        hours.certification.certify(DESK, record.id());
        hours.certification.certify(DESK, record.id()); // a retry finishes, announces nothing new
        assertEquals(1, bus.published.size());
        DomainEvent certified = bus.published.get(0);
        assertEquals(EventType.HOURS_CERTIFIED, certified.type());
        assertEquals(record.id() + ".certified", certified.id());
        assertEquals(record.id(), certified.recordId());
        assertEquals(record.teamId(), certified.teamId());
        assertEquals(null, certified.requestId());
        assertTrue(waitingNotes().isEmpty());
    }

    @Test
    void eachDisputeIsAnEventOfItsOwn() {
        HoursRecord record = pending();
        hours.certification.dispute(VOLUNTEER, record.id(), "少记了半小时");
        hours.certification.dispute(VOLUNTEER, record.id(), "还有路上的时间");
        assertEquals(List.of(record.id() + ".disputed.0", record.id() + ".disputed.1"),
                bus.published.stream().map(DomainEvent::id).toList());
        assertTrue(bus.published.stream().allMatch(event -> event.type() == EventType.HOURS_DISPUTED));
        assertTrue(waitingNotes().isEmpty());
    }

    @Test
    void aLeftNoteOfACertificationMadeIsPublishedByTheDrainWithTheSameId() {
        HoursRecord record = pending();
        // the call stopped after its write, before publishing
        EventOutbox.Held held = hours.base.events.holdCertified(record, DESK.sub(), clock.instant());
        hours.records.certify(record, DESK.sub(), clock.instant());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(new EventOutbox.Result(1, 0, null), hours.base.events.drain());
        assertEquals(List.of(record.id() + ".certified"), bus.published.stream().map(DomainEvent::id).toList());
        assertEquals(held.events(), bus.published);
        assertTrue(waitingNotes().isEmpty());
    }

    @Test
    void aLeftNoteOfAChangeNeverMadeIsDropped() {
        HoursRecord record = pending();
        // a certification that stopped before its write, and a dispute that lost its race to another
        hours.base.events.holdCertified(record, DESK.sub(), clock.instant());
        hours.base.events.holdDisputed(record, new Dispute("不对", VOLUNTEER.sub(), clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        hours.certification.dispute(VOLUNTEER, record.id(), "少记了半小时");
        int published = bus.published.size();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(new EventOutbox.Result(0, 2, null), hours.base.events.drain());
        assertEquals(published, bus.published.size());
        assertTrue(waitingNotes().isEmpty());
    }
}
