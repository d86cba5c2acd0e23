package diandan.hours;

import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.DISPATCHER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursExport;
import diandan.app.hours.HoursRollup;
import diandan.app.hours.VolunteerHours;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StaleIndexes;
import diandan.domain.Caller;
import diandan.domain.hours.Certificate;
import diandan.domain.hours.CountedRecords;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.port.Page;
import diandan.port.hours.RecordQuery;

/**
 * The hours flows (recording, certifying, correcting, certifying corrections, the rollup) through indexes that
 * lag: each item's writes reach the indexes late and independently of other items'. After every step, what
 * is official is right against the table itself: the certificate, the volunteer's totals and the export count
 * every service at most once, with the hours of its counted record; no service counted before the step is
 * missing after it; and once the indexes catch up, the rollup's tallies equal the sums of the certified records.
 */
@ExtendWith(DynaliteExtension.class)
class StaleIndexFlowTest {
    static final List<String> VOLUNTEERS = List.of("v-li", "v-wang");
    static final Caller ADMIN_CALLER = Claims.caller(ADMIN);
    static final Duration LAG = Duration.ofSeconds(1);

    @Test
    void officialDocumentsAndTalliesStayRightWhileIndexesLag(LocalTable table) {
        MutableClock clock = new MutableClock(HoursWorld.NOW);
        StaleIndexes indexes = StaleIndexes.lagging(table, clock, LAG);
        HoursWorld world = new HoursWorld(indexes.table(), clock, HoursRollup.Settings.standard());
        DynamoHoursRepository truth = new DynamoHoursRepository(table.client(), table.name());
        Random random = new Random(20261201L);
        List<String> heads = new ArrayList<>(); // the latest record of each chain of corrections
        Map<String, Set<String>> shown = new HashMap<>(); // services each document showed at the step before
        LocalDate first = null;
        LocalDate last = null;

        for (int step = 0; step < 24; step++) {
            int choice = heads.isEmpty() ? 0 : random.nextInt(4);
            if (choice == 0) {
                String id = world.pendingRecord(VOLUNTEERS.get(random.nextInt(VOLUNTEERS.size())), 1 + random.nextInt(4));
                heads.add(id);
                LocalDate day = truth.find(id).orElseThrow().date();
                first = first == null || day.isBefore(first) ? day : first;
                last = last == null || day.isAfter(last) ? day : last;
            } else {
                int chain = random.nextInt(heads.size());
                HoursRecord head = truth.find(heads.get(chain)).orElseThrow();
                if (head.status() == RecordStatus.PENDING) {
                    ok(200, world.certify(head.id(), DISPATCHER));
                } else if (choice == 1) {
                    world.rollup();
                } else {
                    double hours = head.halfHours() / 2.0 + 0.5;
                    heads.set(chain, ok(201, world.correct(head.id(), hours, LEADER)).get("id").asText());
                }
            }
            // each item's writes reach the indexes on their own: some now, some later
            indexes.propagate(key -> random.nextInt(3) == 0);
            if (random.nextInt(4) == 0) {
                clock.advance(LAG.plusMillis(1));
            }
            for (String volunteer : VOLUNTEERS) {
                Map<String, HoursRecord> counted = counted(truth, volunteer);
                Certificate certificate = world.wiring.volunteerHours.certificate(ADMIN_CALLER, volunteer, null);
                shown.put(volunteer, assertRight("certificate of " + volunteer + " at step " + step, counted,
                        shown.getOrDefault(volunteer, Set.of()),
                        certificate.services().stream().map(Certificate.Service::recordId).toList(),
                        certificate.services().stream().collect(Collectors.toMap(Certificate.Service::recordId,
                                Certificate.Service::halfHours))));
                VolunteerHours.Totals totals = world.wiring.volunteerHours.totals(
                        Claims.caller(ApiEvents.claims("volunteer-" + volunteer, "volunteer", null, null, volunteer)),
                        volunteer, null, null);
                assertEquals(certificate.totalHalfHours(), totals.certifiedHalfHours(), "totals agree with the certificate");
                assertEquals(certificate.services().size(), totals.certifiedRecords());
            }
            if (first != null) {
                shown.put("export", assertExportRight("export at step " + step, world, truth, first, last,
                        shown.getOrDefault("export", Set.of())));
            }
        }

        indexes.catchUp();
        for (String volunteer : VOLUNTEERS) {
            assertEquals(counted(truth, volunteer).values().stream().map(HoursRecord::id).collect(Collectors.toSet()),
                    world.wiring.volunteerHours.certificate(ADMIN_CALLER, volunteer, null).services().stream()
                            .map(Certificate.Service::recordId).collect(Collectors.toSet()),
                    "caught up, the certificate holds every counted service of " + volunteer);
        }
        Set<String> everyService = new HashSet<>();
        VOLUNTEERS.forEach(v -> everyService.addAll(counted(truth, v).keySet()));
        assertEquals(everyService, assertExportRight("caught-up export", world, truth, first, last, everyService));
        clock.advance(LAG.plusMillis(1));
        while (world.rollup().records() > 0) {
            clock.advance(Duration.ofSeconds(1));
        }
        TallyAudit.assertTalliesMatchRecords(table);
    }

    /** The table's counted records of a volunteer, by chain (root id). */
    private static Map<String, HoursRecord> counted(DynamoHoursRepository truth, String volunteer) {
        List<HoursRecord> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<HoursRecord> page = truth.list(RecordQuery.of(RecordQuery.Scope.VOLUNTEER, volunteer, 100)
                    .fromCursor(cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return CountedRecords.of(all).stream().collect(Collectors.toMap(HoursRecord::rootId, Function.identity()));
    }

    /** The export of the days used so far, checked as {@link #assertRight}; returns the services it shows. */
    private static Set<String> assertExportRight(String what, HoursWorld world, DynamoHoursRepository truth,
                                                 LocalDate first, LocalDate last, Set<String> shownBefore) {
        List<HoursRecord> rows = world.wiring.export.rows(ADMIN_CALLER, first.toString(), last.toString(), "xinbei")
                .stream().map(HoursExport.Row::record).toList();
        Map<String, HoursRecord> counted = new HashMap<>();
        VOLUNTEERS.forEach(v -> counted.putAll(counted(truth, v)));
        return assertRight(what, counted, shownBefore, rows.stream().map(HoursRecord::id).toList(),
                rows.stream().collect(Collectors.toMap(HoursRecord::id, HoursRecord::halfHours)));
    }

    /**
     * Each listed record is the one the table counts for its chain, with its hours; no chain twice; every service
     * shown the step before is still there (a lagging index may leave out only a service new in it). Returns the
     * services (root ids) shown.
     */
    private static Set<String> assertRight(String what, Map<String, HoursRecord> counted, Set<String> shownBefore,
                                    List<String> listedIds, Map<String, Integer> halfHours) {
        Map<String, HoursRecord> byId = counted.values().stream()
                .collect(Collectors.toMap(HoursRecord::id, Function.identity()));
        Set<String> chains = new HashSet<>();
        for (String id : listedIds) {
            HoursRecord record = byId.get(id);
            assertTrue(record != null, what + ": " + id + " is not a counted record");
            assertTrue(chains.add(record.rootId()), what + ": service " + record.rootId() + " twice");
            assertEquals(record.halfHours(), halfHours.get(id), what + ": hours of " + id);
        }
        Set<String> missing = new HashSet<>(shownBefore);
        missing.removeAll(chains);
        assertEquals(Set.of(), missing, what + ": services shown before are missing");
        return chains;
    }
}
