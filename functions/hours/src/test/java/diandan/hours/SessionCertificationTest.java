package diandan.hours;

import static diandan.hours.SessionSignUpTest.assertThrowsProblem;
import static diandan.hours.SessionSignUpTest.volunteer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.HoursWiring;
import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursCertification;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionAttendance;
import diandan.app.sessions.SessionCertification;
import diandan.app.sessions.SessionService;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;
import diandan.domain.hours.RecordStatus;

/**
 * Certifying a session's check-in records in one call: each record once, through the single certification's
 * rules; a retry, a concurrent single certification and a storage fault part-way count nothing twice.
 */
@ExtendWith(DynaliteExtension.class)
class SessionCertificationTest {
    static final Instant START = Instant.parse("2026-12-05T01:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(3));
    static final double LAT = 34.3412;
    static final double LON = 108.9398;
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);
    static HoursWorld world;
    static String activity;

    @BeforeAll
    static void setUp(LocalTable table) {
        world = new HoursWorld(table);
        activity = world.wiring.activities.create(LEADER, new ActivityService.NewActivity("新北社区冬季义务理发",
                "elderly_care", "xinbei", "2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z", null), null).activity().id();
    }

    @BeforeEach
    void beforeTheSession() {
        world.clock.set(HoursWorld.NOW);
    }

    /**
     * A session these volunteers signed up for, checked in at the start and out 90 minutes later; those
     * {@code stillIn} checked in too, but not out.
     */
    static String attended(List<String> volunteers, String... stillIn) {
        String id = world.wiring.sessions.create(LEADER, activity, new SessionService.NewSession(START.toString(),
                END.toString(), "新北社区活动室", LAT, LON, 100, 20, false), null).session().id();
        List<String> everyone = new ArrayList<>(volunteers);
        everyone.addAll(List.of(stillIn));
        everyone.forEach(v -> world.wiring.sessions.signUp(volunteer(v), id));
        world.clock.set(START);
        everyone.forEach(v -> world.wiring.checkIns.checkIn(volunteer(v), id, new CheckIns.Proof(null, LAT, LON)));
        world.clock.set(START.plus(Duration.ofMinutes(90)));
        volunteers.forEach(v -> world.wiring.checkIns.checkOut(volunteer(v), id, new CheckIns.Proof(null, LAT, LON)));
        return id;
    }

    static List<String> volunteers(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    static SessionCertification bulk() {
        return world.wiring.sessionCertification;
    }

    static void assertTalliedOnce(List<String> volunteers) {
        world.rollup();
        for (String v : volunteers) {
            assertEquals(1.5, world.tallyOf("volunteer", v, "all").get("hours").asDouble(), v);
        }
    }

    @Test
    void twentyPairsAreCertifiedInOneCallTalliedOnceAndARetryCertifiesNothingMore() {
        List<String> twenty = volunteers("v-bulk-", 20);
        String session = attended(twenty);
        SessionCertification.Outcome first = bulk().certifyAll(LEADER, session, null);
        assertEquals(20, first.certified().size());
        assertTrue(first.refused().isEmpty() && first.alreadyCertified().isEmpty());
        for (String v : twenty) {
            assertEquals(RecordStatus.CERTIFIED, world.wiring.records.find(HoursRecorder.checkInRecordId(v, session))
                    .orElseThrow().status());
        }
        assertTalliedOnce(twenty);

        SessionCertification.Outcome retry = bulk().certifyAll(LEADER, session, null);
        assertEquals(0, retry.certified().size());
        assertEquals(20, retry.alreadyCertified().size());
        assertTalliedOnce(twenty);
    }

    @Test
    void aConcurrentSingleCertificationAndTheBulkOneCountEachRecordOnce() throws Exception {
        List<String> five = volunteers("v-race-", 5);
        String session = attended(five);
        Caller dispatcher = Claims.caller(HoursWorld.DISPATCHER);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CompletableFuture<SessionCertification.Outcome> all = CompletableFuture.supplyAsync(
                    () -> bulk().certifyAll(LEADER, session, null), pool);
            List<CompletableFuture<HoursCertification.Certified>> singles = new ArrayList<>();
            for (String v : five) {
                singles.add(CompletableFuture.supplyAsync(() -> world.wiring.certification.certifyOnce(dispatcher,
                        HoursRecorder.checkInRecordId(v, session)), pool));
            }
            int byTheSingles = 0;
            for (CompletableFuture<HoursCertification.Certified> single : singles) {
                byTheSingles += single.get().byThisCall() ? 1 : 0;
            }
            SessionCertification.Outcome outcome = all.get();
            assertEquals(5, outcome.certified().size() + byTheSingles, "each record certified by exactly one call");
            assertEquals(5, outcome.certified().size() + outcome.alreadyCertified().size());
        } finally {
            pool.shutdown();
        }
        assertTalliedOnce(five);
    }

    @Test
    void leftOutOpenAndOwnRecordsAreAnsweredWithTheirReasonsAndTheRestCertified() {
        String session = attended(List.of("v-keep", "v-skip", "v-chen"), "v-late");
        String skipped = HoursRecorder.checkInRecordId("v-skip", session);

        SessionCertification.Outcome outcome = bulk().certifyAll(LEADER, session, List.of(skipped));
        assertEquals(List.of(HoursRecorder.checkInRecordId("v-keep", session)), outcome.certified());
        assertEquals(List.of(skipped), outcome.excluded());
        assertEquals(RecordStatus.PENDING, world.wiring.records.find(skipped).orElseThrow().status());
        assertEquals(2, outcome.refused().size());
        for (SessionCertification.Refusal refusal : outcome.refused()) {
            assertEquals(refusal.volunteerId().equals("v-chen") ? 403 : 409, refusal.status(), refusal.detail());
        }
    }

    @Test
    void onlyThoseWhoRunTheSessionCertifyItAndBadInputChangesNothing() {
        String session = attended(List.of("v-guard"));
        assertEquals(403, assertThrowsProblem(() -> bulk().certifyAll(volunteer("v-guard"), session, null)));
        assertEquals(403, assertThrowsProblem(() -> bulk().certifyAll(Claims.caller(HoursWorld.OTHER_LEADER), session, null)));
        assertEquals(404, assertThrowsProblem(() -> bulk().certifyAll(LEADER, "s-nowhere", null)));
        assertEquals(422, assertThrowsProblem(() -> bulk().certifyAll(LEADER, session, List.of("../x"))));
        assertEquals(RecordStatus.PENDING, world.wiring.records.find(HoursRecorder.checkInRecordId("v-guard", session))
                .orElseThrow().status());
        assertEquals(1, bulk().certifyAll(Claims.caller(HoursWorld.ADMIN), session, null).certified().size(),
                "an admin of the area certifies them");
    }

    @Test
    void aStorageFaultPartWayIsA503LeavingEachRecordWholeAndTheRetryFinishesTheRest() {
        List<String> six = volunteers("v-fault-", 6);
        String session = attended(six);
        APIGatewayV2HTTPEvent call = ApiEvents.withPath(ApiEvents.load("certify-session.json"), "id", session);
        StoreProbe failing = StoreProbe.on(world.table).build();
        failing.failAt(StoreProbe.Fault.REFUSED, 3);
        HoursHandler onAFailingStore = new HoursHandler(new HoursWiring(
                new Wiring(failing.client(), world.table.name(), world.clock), HoursRollup.Settings.standard()));
        APIGatewayV2HTTPResponse refused = onAFailingStore.handle(ApiEvents.as(call, HoursWorld.LEADER));
        assertEquals(503, refused.getStatusCode(), refused.getBody());
        long certifiedBefore = six.stream().filter(v -> world.wiring.records.find(HoursRecorder.checkInRecordId(v, session))
                .orElseThrow().status() == RecordStatus.CERTIFIED).count();
        assertTrue(certifiedBefore < 6, "the fault stopped the call part-way");

        JsonNode retried = HoursWorld.ok(200, world.call(call, HoursWorld.LEADER));
        assertEquals(6 - certifiedBefore, retried.get("certified").size());
        assertEquals(certifiedBefore, retried.get("alreadyCertified").size());
        assertTalliedOnce(six);
    }

    @Test
    void theAttendanceListShowsEachPairAndItsRecordsStateToThoseWhoRunTheSession() {
        String session = attended(List.of("v-sheet-1", "v-sheet-2"), "v-sheet-3");
        bulk().certifyAll(LEADER, session, List.of(HoursRecorder.checkInRecordId("v-sheet-2", session)));
        SessionAttendance.Sheet sheet = world.wiring.attendance.of(LEADER, session);
        assertEquals(List.of("v-sheet-1", "v-sheet-2", "v-sheet-3"),
                sheet.lines().stream().map(line -> line.signUp().volunteerId()).toList(), "in the order places were taken");
        assertEquals(RecordStatus.CERTIFIED, sheet.lines().get(0).record().status());
        assertEquals(RecordStatus.PENDING, sheet.lines().get(1).record().status());
        assertEquals(START.plus(Duration.ofMinutes(90)), sheet.lines().get(1).attendance().checkedOutAt());
        assertTrue(sheet.lines().get(2).attendance().isOpen());
        assertEquals(null, sheet.lines().get(2).record(), "still checked in: nothing drafted yet");
        assertEquals(403, assertThrowsProblem(() -> world.wiring.attendance.of(volunteer("v-sheet-1"), session)));
        assertEquals(403, assertThrowsProblem(() -> world.wiring.attendance.of(Claims.caller(HoursWorld.DISPATCHER), session)));

        JsonNode json = HoursWorld.ok(200, world.call(ApiEvents.withPath(ApiEvents.load("get-session-attendance.json"),
                "id", session), HoursWorld.LEADER));
        assertEquals("certified", json.at("/items/0/recordStatus").asText());
        assertEquals("signed_up", json.at("/items/2/state").asText());
        assertTrue(json.at("/items/2/checkedOutAt").isMissingNode());
    }
}
