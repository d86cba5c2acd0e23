package diandan.hours;

import static diandan.hours.HoursWorld.ADMIN;
import static diandan.hours.HoursWorld.CO_LEADER;
import static diandan.hours.HoursWorld.DISPATCHER;
import static diandan.hours.HoursWorld.LEADER;
import static diandan.hours.HoursWorld.VOLUNTEER_LI;
import static diandan.hours.HoursWorld.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.HoursItems;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursExport;
import diandan.app.hours.HoursRollup;
import diandan.app.hours.VolunteerHours;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StaleIndexes;
import diandan.domain.Caller;
import diandan.domain.hours.Certificate;
import diandan.domain.hours.RecordStatus;

/**
 * Official documents are never built from index copies alone. A correction is certified and the record it
 * replaces superseded in two writes; an index that has the second but not yet the first lists the original as
 * superseded and the correction as still pending. The export for the national system, the certificate and the
 * volunteer's totals still count the service once, with the corrected hours.
 */
@ExtendWith(DynaliteExtension.class)
class StaleIndexTest {
    static final Caller ADMIN_CALLER = Claims.caller(ADMIN);
    static final Caller LI = Claims.caller(VOLUNTEER_LI);

    static HoursWorld world;
    static StaleIndexes indexes;
    static VolunteerHours volunteerHours;

    @BeforeAll
    static void setUp(LocalTable table) {
        MutableClock clock = new MutableClock(HoursWorld.NOW);
        indexes = StaleIndexes.lagging(table, clock, Duration.ZERO);
        world = new HoursWorld(indexes.table(), clock, HoursRollup.Settings.standard());
        volunteerHours = world.wiring.volunteerHours;
    }

    @BeforeEach
    void indexesKeepUp() {
        indexes.lagBy(Duration.ZERO);
    }

    /** A certified record of 2 h for v-li on a day of its own, then its correction to 3 h, pending: all indexed. */
    private static String[] certifiedThenCorrected() {
        String original = world.pendingRecord("v-li", 2);
        ok(200, world.certify(original, DISPATCHER));
        String correction = ok(201, world.correct(original, 3, LEADER)).get("id").asText();
        indexes.catchUp();
        return new String[] {original, correction};
    }

    /** Certifies the correction while the indexes receive only the second write: the original superseded. */
    private static void certifyWithTheIndexesHalfBehind(String original, String correction) {
        indexes.pause();
        ok(200, world.certify(correction, CO_LEADER));
        assertEquals(4, indexes.behind(), "certifying a correction is two changes: each a queue entry, then the record");
        indexes.propagate(key -> key.equals(HoursItems.key(original)));
    }

    @Test
    void exportCountsACorrectionCertifiedWhileTheIndexLags() {
        String[] ids = certifiedThenCorrected();
        LocalDate day = world.wiring.records.find(ids[0]).orElseThrow().date();
        certifyWithTheIndexesHalfBehind(ids[0], ids[1]);

        List<HoursExport.Row> rows = world.wiring.export.rows(ADMIN_CALLER, day.toString(), day.toString(), "xinbei");

        assertEquals(List.of(ids[1]), rows.stream().map(r -> r.record().id()).toList(),
                "the corrected service, once");
        assertEquals(6, rows.get(0).record().halfHours(), "with the corrected 3 h");
    }

    @Test
    void certificateAndTotalsCountACorrectionCertifiedWhileTheIndexLags() {
        VolunteerHours.Totals before = volunteerHours.totals(LI, "v-li", null, null);
        String[] ids = certifiedThenCorrected();
        VolunteerHours.Totals certifiedOriginal = volunteerHours.totals(LI, "v-li", null, null);
        assertEquals(before.certifiedHalfHours() + 4, certifiedOriginal.certifiedHalfHours());
        certifyWithTheIndexesHalfBehind(ids[0], ids[1]);

        Certificate certificate = volunteerHours.certificate(LI, "v-li", null);
        List<Certificate.Service> ofTheService = certificate.services().stream()
                .filter(s -> s.recordId().equals(ids[0]) || s.recordId().equals(ids[1])).toList();
        assertEquals(1, ofTheService.size(), "the service once: " + ofTheService);
        assertEquals(ids[1], ofTheService.get(0).recordId());
        assertEquals(6, ofTheService.get(0).halfHours());

        VolunteerHours.Totals after = volunteerHours.totals(LI, "v-li", null, null);
        assertEquals(certifiedOriginal.certifiedHalfHours() + 2, after.certifiedHalfHours(), "2 h replaced by 3 h");
        assertEquals(certifiedOriginal.certifiedRecords(), after.certifiedRecords(), "still one record for the service");
        assertEquals(certifiedOriginal.pendingRecords() - 1, after.pendingRecords(), "the correction is no longer pending");
        assertEquals(certificate.totalHalfHours(), after.certifiedHalfHours(), "certificate and totals agree");
        assertTrue(after.page().items().stream().filter(r -> r.id().equals(ids[1]))
                .allMatch(r -> r.status() == RecordStatus.CERTIFIED),
                "the listed correction as the table holds it");
    }
}
