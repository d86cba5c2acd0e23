package diandan.hours;

import static diandan.hours.CheckInTest.LAT;
import static diandan.hours.CheckInTest.LON;
import static diandan.hours.CheckInTest.START;
import static diandan.hours.SessionSignUpTest.assertThrowsProblem;
import static diandan.hours.SessionSignUpTest.volunteer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoActivityRepository;
import diandan.adapter.dynamodb.DynamoSessionRepository;
import diandan.adapter.http.Claims;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursRecorder;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionService;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Caller;
import diandan.domain.hours.RecordStatus;
import diandan.domain.sessions.Attendance;
import diandan.domain.sessions.SignUp;
import diandan.port.sessions.SessionRepository;

/**
 * Session routes whose conditional write is refused (a race lost to another writer, or a write refused while
 * nothing changed, as SnapStart priming answers one): the call answers as the winner left things, or a 409, and
 * writes nothing more; never a 5xx.
 */
@ExtendWith(DynaliteExtension.class)
class SessionRaceTest {
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);
    static HoursWorld world;
    static SessionRepository store;
    static DynamoActivityRepository activityStore;
    static String activity;

    /** What the store does in place of one of its writes: the refused write's answer, after any winner's write. */
    interface Race {
        Object instead(Method method, Object[] args) throws Exception;
    }

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        store = new DynamoSessionRepository(table.client(), table.name());
        activityStore = new DynamoActivityRepository(table.client(), table.name());
        activity = world.wiring.activities.create(LEADER, new ActivityService.NewActivity("新北社区冬季义务理发",
                "elderly_care", "xinbei", "2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z", null), null).activity().id();
    }

    @BeforeEach
    void beforeTheSession() {
        world.clock.set(HoursWorld.NOW);
    }

    /** The store, with every call of {@code methods} answered by {@code race} instead of written. */
    static SessionRepository racing(Set<String> methods, Race race) {
        return (SessionRepository) Proxy.newProxyInstance(SessionRepository.class.getClassLoader(),
                new Class<?>[] {SessionRepository.class}, (proxy, m, args) -> {
                    if (methods.contains(m.getName())) {
                        return race.instead(m, args);
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Refused while nothing changed: what priming answers, and what a call must survive all the same. */
    static Object refused(Method method, Object[] args) {
        return method.getReturnType() == boolean.class ? false : Optional.empty();
    }

    static SessionService sessions(SessionRepository sessions) {
        return new SessionService(sessions, activityStore, world.wiring.base.registry, world.clock);
    }

    static CheckIns checkIns(SessionRepository sessions) {
        return new CheckIns(sessions, sessions(sessions), world.wiring.recorder, world.wiring.base.registry,
                world.clock);
    }

    static String session(int quota, String... volunteers) {
        String id = world.wiring.sessions.create(LEADER, activity, new SessionService.NewSession(START.toString(),
                START.plus(Duration.ofHours(3)).toString(), "新北社区活动室", LAT, LON, 100, quota, false), null)
                .session().id();
        for (String v : volunteers) {
            world.wiring.sessions.signUp(volunteer(v), id);
        }
        return id;
    }

    static String checkedIn(String volunteer) {
        String session = session(20, volunteer);
        world.clock.set(START);
        world.wiring.checkIns.checkIn(volunteer(volunteer), session, new CheckIns.Proof(null, LAT, LON));
        world.clock.set(START.plus(Duration.ofMinutes(90)));
        return session;
    }

    static boolean drafted(String volunteer, String session) {
        return world.wiring.records.find(HoursRecorder.checkInRecordId(volunteer, session)).isPresent();
    }

    @Test
    void aCheckOutWhoseWriteIsRefusedWhileStillCheckedInAnswers409AndDraftsNothing() {
        String session = checkedIn("v-refused-out");
        CheckIns refusing = checkIns(racing(Set.of("checkOut"), SessionRaceTest::refused));
        assertEquals(409, assertThrowsProblem(() -> refusing.checkOut(volunteer("v-refused-out"), session,
                new CheckIns.Proof(null, LAT, LON))));
        assertTrue(store.attendance(session, "v-refused-out").orElseThrow().isOpen());
        assertFalse(drafted("v-refused-out", session), "nothing drafted from a pair that is not complete");

        Attendance out = world.wiring.checkIns.checkOut(volunteer("v-refused-out"), session,
                new CheckIns.Proof(null, LAT, LON)).attendance();
        assertEquals(START.plus(Duration.ofMinutes(90)), out.checkedOutAt(), "the retry checks out");
        assertTrue(drafted("v-refused-out", session));
    }

    @Test
    void aCheckOutThatLosesToAnotherAnswersTheWinnersPairAndItsOneRecord() {
        String session = checkedIn("v-lost-out");
        Instant winner = START.plus(Duration.ofMinutes(60));
        CheckIns losing = checkIns(racing(Set.of("checkOut"), (method, args) -> {
            Instant now = world.clock.instant();
            world.clock.set(winner);
            world.wiring.checkIns.checkOut(volunteer("v-lost-out"), session, new CheckIns.Proof(null, LAT, LON));
            world.clock.set(now);
            return method.invoke(store, args);
        }));
        CheckIns.Presence presence = losing.checkOut(volunteer("v-lost-out"), session,
                new CheckIns.Proof(null, LAT, LON));
        assertEquals(winner, presence.attendance().checkedOutAt(), "answered as the winner left it");
        assertEquals(2, presence.record().halfHours(), "one record, from the winner's pair");
    }

    @Test
    void aCheckOutThatLosesToACheckOutCertifiedMeanwhileAnswersTheCertifiedRecord() {
        String session = checkedIn("v-certified-out");
        CheckIns losing = checkIns(racing(Set.of("checkOut"), (method, args) -> {
            world.wiring.checkIns.checkOut(volunteer("v-certified-out"), session, new CheckIns.Proof(null, LAT, LON));
            world.wiring.sessionCertification.certifyAll(LEADER, session, null);
            return method.invoke(store, args);
        }));
        CheckIns.Presence presence = losing.checkOut(volunteer("v-certified-out"), session,
                new CheckIns.Proof(null, LAT, LON));
        assertEquals(RecordStatus.CERTIFIED, presence.record().status(), "the record as the certification left it");
        assertEquals(presence.record(), world.wiring.records.find(presence.record().id()).orElseThrow());
    }

    @Test
    void aCheckInWhoseWriteIsRefusedWithNothingStoredAnswers409() {
        String session = session(20, "v-refused-in");
        world.clock.set(START);
        CheckIns refusing = checkIns(racing(Set.of("checkIn"), SessionRaceTest::refused));
        assertEquals(409, assertThrowsProblem(() -> refusing.checkIn(volunteer("v-refused-in"), session,
                new CheckIns.Proof(null, LAT, LON))));
        assertTrue(store.attendance(session, "v-refused-in").isEmpty());
    }

    @Test
    void theSweepThatLosesACheckOutToTheVolunteerDraftsTheRecordTheirStoppedCallDidNot() {
        String session = checkedIn("v-swept");
        Instant volunteersOwn = START.plus(Duration.ofMinutes(60));
        CheckIns sweeping = checkIns(racing(Set.of("checkOut"), (method, args) -> {
            if (args[1].equals("v-swept")) {
                store.checkOut(session, "v-swept", volunteersOwn, false);
            }
            return method.invoke(store, args);
        }));
        world.clock.set(START.plus(Duration.ofHours(6)));
        sweeping.closeDue();
        Attendance pair = store.attendance(session, "v-swept").orElseThrow();
        assertEquals(volunteersOwn, pair.checkedOutAt());
        assertEquals(2, world.wiring.records.find(pair.recordId()).orElseThrow().halfHours(),
                "the volunteer's pair is drafted by the sweep, once");
    }

    @Test
    void aSignUpWhoseEveryRosterWriteIsRefusedAnswers409AndChangesNothing() {
        String session = session(1);
        SessionService refusing = sessions(racing(Set.of("join"), SessionRaceTest::refused));
        SessionService refusingBoth = sessions(racing(Set.of("join", "enqueue"), SessionRaceTest::refused));
        assertEquals(409, assertThrowsProblem(() -> refusingBoth.signUp(volunteer("v-busy"), session)));
        assertEquals(List.of(), store.find(session).orElseThrow().roster().members());
        assertEquals(List.of(), store.find(session).orElseThrow().roster().waitlist());
        assertEquals(SignUp.State.SIGNED_UP, refusing.signUp(volunteer("v-busy"), session).state(),
                "a refused join lines up, and the free place goes to the head of the line");
    }

    @Test
    void twoSignUpsForTheLastPlaceGiveItToTheWinnerAndLineUpTheLoser() {
        String session = session(1);
        SessionService losing = sessions(racing(Set.of("join"), (method, args) -> {
            world.wiring.sessions.signUp(volunteer("v-first"), session);
            return method.invoke(store, args);
        }));
        assertEquals(SignUp.State.WAITLISTED, losing.signUp(volunteer("v-second"), session).state());
        assertEquals(List.of("v-first"), store.find(session).orElseThrow().roster().members());
        assertEquals(List.of("v-second"), store.find(session).orElseThrow().roster().waitlist());
    }
}
