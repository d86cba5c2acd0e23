package diandan.app.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.adapter.RegistryFile;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.app.hours.HoursRollup;
import diandan.adapter.events.EventDetail;
import diandan.adapter.json.Json;
import diandan.devkit.PrivateDataAudit;
import diandan.port.notify.EventPublisher;
import java.util.ArrayList;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.RepoRoot;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.hours.Capture;
import diandan.domain.hours.Contribution;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.domain.hours.TallyKey;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.port.hours.RollupStore;

/**
 * The rollup announces a volunteer reaching a star level once per volunteer and level, with ids only, also when
 * it stopped between the tally's update and the announcement; taking hours away announces nothing.
 */
@ExtendWith(DynaliteExtension.class)
class StarLevelEventsTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final Caller DESK = new Caller("dispatcher-hours", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);
    static final Caller LEADER = new Caller("u-leader-xinbei-linlicheng", EnumSet.of(Role.TEAM_LEADER),
            "xinbei-linlicheng", null, null);

    MutableClock clock;
    RecordingBus bus;
    HoursWiring hours;
    String volunteer;

    @BeforeEach
    void setUp(LocalTable table) {
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"),
                new DynamoRegistryRepository(table.client(), table.name()));
        clock = new MutableClock(NOW);
        bus = new RecordingBus();
        hours = new HoursWiring(new Wiring(table.client(), table.name(), clock, bus), HoursRollup.Settings.standard());
        volunteer = "v-star-" + System.nanoTime(); // the table outlives each test
    }

    /** A certified record of {@code halfHours} for the volunteer, on an activity of its own. */
    String certified(int halfHours) {
        Source activity = new Source(SourceType.ACTIVITY, "a-star-" + System.nanoTime());
        String id = HoursRecord.originalId(volunteer, activity);
        HoursRecord record = new HoursRecord(id, id, volunteer, "xinbei-linlicheng", "邻里成服务队", activity, "理发",
                "home_repair", new AreaPath("xinbei", "weiyang", "weicheng"), halfHours, LocalDate.parse("2026-11-27"),
                "理发", "带工具", RecordStatus.PENDING, null, List.of(), null, List.of(), "leader-xinbei",
                NOW.minusSeconds(3600), null, null, null, null, null, 1, Capture.MANUAL);
        assertTrue(hours.records.create(record));
        hours.certification.certify(DESK, id);
        return id;
    }

    List<DomainEvent> reached() {
        return bus.published.stream().filter(event -> event.type() == EventType.STAR_LEVEL_REACHED).toList();
    }

    @Test
    void crossingOneHundredHoursAnnouncesLevelOneOnceWithIdsOnly() {
        certified(199); // 99.5 h
        hours.rollup.run("runner");
        assertEquals(List.of(), reached());

        certified(1);
        hours.rollup.run("runner");
        hours.rollup.run("runner"); // nothing queued: nothing new
        assertEquals(1, reached().size());
        DomainEvent event = reached().get(0);
        assertEquals("star." + volunteer + ".1", event.id());
        assertEquals(volunteer, event.volunteerId());
        assertEquals(1, event.level());
        assertEquals(null, event.requestId());
        assertEquals(null, event.recordId());
        assertEquals(event, EventDetail.parse(EventDetail.of(event))); // as the notifier reads it off the bus
    }

    @Test
    void oneBatchCrossingTwoStepsAnnouncesBoth() {
        certified(600); // 300 h at once
        hours.rollup.run("runner");
        assertEquals(List.of("star." + volunteer + ".1", "star." + volunteer + ".2"),
                reached().stream().map(DomainEvent::id).toList());
    }

    @Test
    void aRollupStoppedAfterTheTallyUpdateAnnouncesOnTheNextRunOnce() {
        certified(200);
        HoursRollup stopping = new HoursRollup(new StopsAfterTallies(hours.tallyStore), hours.tallyStore, hours.records,
                hours.stars, hours.base.events, HoursRollup.Settings.standard(), clock);
        assertThrows(IllegalStateException.class, () -> stopping.run("first"));
        assertEquals(List.of(), reached());

        hours.rollup.run("second"); // finishes the batch: its tallies are not added again
        hours.rollup.run("third");
        assertEquals(List.of("star." + volunteer + ".1"), reached().stream().map(DomainEvent::id).toList());
        assertEquals(200, hours.tallyStore.tally(TallyKey.of(diandan.domain.hours.TallyScope.VOLUNTEER, volunteer,
                "all")).halfHours());
    }

    @Test
    void aCorrectionTakingHoursAwayAnnouncesNothing() {
        certified(180);
        String ten = certified(20); // 100 h
        hours.rollup.run("runner");
        assertEquals(1, reached().size());

        String correction = hours.certification.correct(LEADER, ten, 5.0, "记多了").id(); // 95 h
        hours.certification.certify(DESK, correction);
        hours.rollup.run("runner");
        assertEquals(1, reached().size());
    }

    /** The bus, checking that what goes out carries no personal data. */
    static final class RecordingBus implements EventPublisher {
        final List<DomainEvent> published = new ArrayList<>();

        @Override
        public void publish(List<DomainEvent> events) {
            events.forEach(event -> PrivateDataAudit.outgoing("bus event", Json.write(EventDetail.of(event))));
            published.addAll(events);
        }
    }

    /** A rollup whose store dies right after the tallies' update lands. */
    record StopsAfterTallies(RollupStore store) implements RollupStore {
        @Override
        public boolean acquireLease(String runner, Instant now, Instant until) {
            return store.acquireLease(runner, now, until);
        }

        @Override
        public void releaseLease(String runner) {
            store.releaseLease(runner);
        }

        @Override
        public java.util.Optional<StoredBatch> latestBatch() {
            return store.latestBatch();
        }

        @Override
        public List<diandan.domain.hours.QueuedRecord> queued(int limit) {
            return store.queued(limit);
        }

        @Override
        public List<diandan.domain.hours.QueuedRecord> queued(java.util.Collection<String> ids) {
            return store.queued(ids);
        }

        @Override
        public diandan.domain.hours.RollupPlan createBatch(diandan.domain.hours.RollupPlan plan, Instant at) {
            return store.createBatch(plan, at);
        }

        @Override
        public void applyTallies(long batch, Map<TallyKey, Contribution> deltas) {
            store.applyTallies(batch, deltas);
            throw new IllegalStateException("stopped after the tallies");
        }

        @Override
        public void markApplied(long batch, diandan.domain.hours.RollupPlan.Planned record) {
            store.markApplied(batch, record);
        }

        @Override
        public void finishBatch(long batch, Instant at) {
            store.finishBatch(batch, at);
        }
    }
}
