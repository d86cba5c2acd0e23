package diandan.hours;

import static diandan.hours.SessionSignUpTest.assertThrowsProblem;
import static diandan.hours.SessionSignUpTest.volunteer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoSessionRepository;
import diandan.adapter.http.Claims;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursRecorder;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionService;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Caller;
import diandan.domain.hours.Capture;
import diandan.domain.hours.Certificate;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.Session;
import diandan.port.hours.RecordQuery;
import diandan.port.sessions.SessionRepository;

/**
 * Check-in and check-out by code and by position, against the stored session: the code's window and session,
 * idempotent check-ins, the radius, the closing sweep, and one pending record per pair.
 */
@ExtendWith(DynaliteExtension.class)
class CheckInTest {
    static final Instant START = Instant.parse("2026-12-05T01:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(3));
    static final double LAT = 34.3412;
    static final double LON = 108.9398;
    static HoursWorld world;
    static SessionRepository store;
    static String activity;
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        store = new DynamoSessionRepository(table.client(), table.name());
        activity = world.wiring.activities.create(LEADER, new ActivityService.NewActivity("新北社区冬季义务理发",
                "elderly_care", "xinbei", "2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z", null), null).activity().id();
    }

    @BeforeEach
    void beforeTheSession() {
        world.clock.set(HoursWorld.NOW);
    }

    /** A session with a point and a 100 m radius, and these volunteers signed up. */
    static String session(String... volunteers) {
        String id = world.wiring.sessions.create(LEADER, activity, new SessionService.NewSession(START.toString(),
                END.toString(), "新北社区活动室", LAT, LON, 100, 20, false), null).session().id();
        for (String v : volunteers) {
            world.wiring.sessions.signUp(volunteer(v), id);
        }
        return id;
    }

    static CheckIns checkIns() {
        return world.wiring.checkIns;
    }

    static CheckIns.Proof code(String session) {
        return new CheckIns.Proof(checkIns().code(LEADER, session).code(), null, null);
    }

    static CheckIns.Proof at(double lat, double lon) {
        return new CheckIns.Proof(null, lat, lon);
    }

    @Test
    void checkInOpensAnHourBeforeTheStart() {
        String session = session("v-open");
        world.clock.set(START.minus(Duration.ofMinutes(61)));
        assertEquals(409, assertThrowsProblem(() -> checkIns().code(LEADER, session)));
        assertEquals(409, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-open"), session, at(LAT, LON))));
        world.clock.set(START.minus(Duration.ofMinutes(60)));
        assertEquals(START.minus(Duration.ofMinutes(60)),
                checkIns().checkIn(volunteer("v-open"), session, at(LAT, LON)).attendance().checkedInAt());
    }

    @Test
    void aCodeOlderThanItsWindowOrFromAnotherSessionIsRefusedAndCheckingInTwiceIsOneCheckIn() {
        String session = session("v-code");
        String other = session("v-code");
        world.clock.set(START.minus(Duration.ofMinutes(30)));
        CheckIns.Proof photographed = code(session);
        CheckIns.Proof otherCode = code(other);
        world.clock.advance(Duration.ofMinutes(2));
        assertEquals(422, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-code"), session, photographed)));
        assertEquals(422, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-code"), session, otherCode)));
        assertTrue(store.attendance(session, "v-code").isEmpty(), "a refused check-in writes nothing");

        CheckIns.Proof current = code(session);
        world.clock.advance(Duration.ofSeconds(59));
        Attendance first = checkIns().checkIn(volunteer("v-code"), session, current).attendance();
        world.clock.advance(Duration.ofSeconds(30));
        Attendance again = checkIns().checkIn(volunteer("v-code"), session, current).attendance();
        assertEquals(first, again, "checking in twice is one check-in, at the first time");
        assertEquals(1, store.attendances(session).size());
    }

    @Test
    void aPositionOutsideTheRadiusIsRefusedAndOnlyMembersCheckIn() {
        String session = session("v-pos");
        world.clock.set(START);
        assertEquals(422, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-pos"), session, at(LAT + 0.002, LON))));
        assertEquals(409, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-stranger"), session, at(LAT, LON))));
        assertEquals(422, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-pos"), session,
                new CheckIns.Proof("123456", LAT, LON))), "one way of proof, not both");
        assertEquals(422, assertThrowsProblem(() -> checkIns().checkIn(volunteer("v-pos"), session, at(91, LON))));
        assertEquals(403, assertThrowsProblem(() -> checkIns().code(volunteer("v-pos"), session)),
                "the code is for those who run the session");
        assertTrue(store.attendances(session).isEmpty());
        checkIns().checkIn(volunteer("v-pos"), session, at(LAT + 0.0005, LON));
    }

    @Test
    void everyPairBecomesExactlyOnePendingCheckInRecordRoundedToTheHalfHour() {
        String session = session("v-pair");
        world.clock.set(START.minus(Duration.ofMinutes(20)));
        checkIns().checkIn(volunteer("v-pair"), session, at(LAT, LON));
        world.clock.set(START.plus(Duration.ofMinutes(140)));
        CheckIns.Presence out = checkIns().checkOut(volunteer("v-pair"), session, code(session));
        HoursRecord record = out.record();
        assertEquals(Capture.CHECK_IN, record.capture());
        assertEquals(RecordStatus.PENDING, record.status());
        assertEquals(5, record.halfHours(), "140 minutes within the session: 2.5 h");
        assertEquals(activity, record.source().id());

        world.clock.advance(Duration.ofMinutes(10));
        assertEquals(record.id(), checkIns().checkOut(volunteer("v-pair"), session, at(LAT, LON)).record().id());
        world.clock.set(END.plus(Session.CLOSES_AFTER));
        checkIns().closeDue();
        List<HoursRecord> records = world.wiring.records.list(RecordQuery.of(RecordQuery.Scope.VOLUNTEER,
                "v-pair", 50)).items();
        assertEquals(1, records.size());
        assertEquals(Capture.CHECK_IN, world.wiring.records.find(record.id()).orElseThrow().capture());
    }

    @Test
    void certifiedCheckInHoursAreTalliedApartFromHoursEnteredByHand() {
        String session = session("v-li");
        world.clock.set(START);
        checkIns().checkIn(volunteer("v-li"), session, at(LAT, LON));
        world.clock.set(START.plus(Duration.ofMinutes(90)));
        HoursRecord drafted = checkIns().checkOut(volunteer("v-li"), session, at(LAT, LON)).record();
        String manual = world.pendingRecord("v-li", 2.0);
        for (String id : List.of(drafted.id(), manual)) {
            assertEquals(200, world.certify(id, HoursWorld.DISPATCHER).getStatusCode());
        }
        world.rollup();
        var tally = world.tallyOf("volunteer", "v-li", "all");
        assertEquals(3.5, tally.get("hours").asDouble());
        assertEquals(1.5, tally.get("checkInHours").asDouble());
        assertEquals(2.0, tally.get("manualHours").asDouble());
        Certificate certificate = world.wiring.volunteerHours.certificate(Claims.caller(HoursWorld.VOLUNTEER_LI), "v-li", null);
        assertEquals(3, certificate.halfHoursBy(Capture.CHECK_IN));
        assertEquals(4, certificate.halfHoursBy(Capture.MANUAL));
    }

    @Test
    void aPairOverTheDailyLimitGetsNoRecordAndTheSweepStillClosesTheSession() {
        String session = session("v-wang");
        world.clock.set(START);
        checkIns().checkIn(volunteer("v-wang"), session, at(LAT, LON));
        world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("activity", activity, List.of(
                new HoursRecorder.Entry("v-wang", 24.0, "2026-12-05", null, null))), null);

        world.clock.set(END.plus(Session.CLOSES_AFTER).plus(Duration.ofMinutes(1)));
        CheckIns.Sweep sweep = checkIns().closeDue();
        assertEquals(1, sweep.recordsRefused());
        Attendance closed = store.attendance(session, "v-wang").orElseThrow();
        assertTrue(closed.autoClosed());
        assertNull(closed.recordId());
        world.clock.advance(Duration.ofMinutes(5));
        assertEquals(0, checkIns().closeDue().sessionsClosed(), "closed all the same: the leader records by hand");
    }

    @Test
    void aForgottenCheckOutIsClosedAtTheEndAndFlaggedByTheSweep() {
        String session = session("v-forgot", "v-left");
        world.clock.set(START);
        checkIns().checkIn(volunteer("v-forgot"), session, at(LAT, LON));
        checkIns().checkIn(volunteer("v-left"), session, at(LAT, LON));
        world.clock.set(START.plus(Duration.ofHours(1)));
        checkIns().checkOut(volunteer("v-left"), session, at(LAT, LON));

        world.clock.set(END.plus(Duration.ofMinutes(119)));
        assertEquals(0, checkIns().closeDue().sessionsClosed(), "not yet: the session closes two hours after its end");
        world.clock.set(END.plus(Session.CLOSES_AFTER));
        assertEquals(409, assertThrowsProblem(() -> checkIns().checkOut(volunteer("v-forgot"), session, at(LAT, LON))));
        CheckIns.Sweep sweep = checkIns().closeDue();
        assertTrue(sweep.sessionsClosed() >= 1);
        Attendance forgot = store.attendance(session, "v-forgot").orElseThrow();
        assertEquals(END, forgot.checkedOutAt());
        assertTrue(forgot.autoClosed());
        Attendance left = store.attendance(session, "v-left").orElseThrow();
        assertFalse(left.autoClosed());
        HoursRecord closed = world.wiring.records.find(forgot.recordId()).orElseThrow();
        assertEquals(6, closed.halfHours());
        assertEquals(2, world.wiring.records.find(left.recordId()).orElseThrow().halfHours());

        world.clock.advance(Duration.ofMinutes(5));
        assertEquals(0, checkIns().closeDue().sessionsClosed(), "closed once, off the queue");
        assertEquals(forgot, store.attendance(session, "v-forgot").orElseThrow());
        assertNull(store.attendance(session, "v-never").orElse(null));
    }
}
