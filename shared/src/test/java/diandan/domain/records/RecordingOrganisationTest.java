package diandan.domain.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import diandan.domain.AreaPath;
import diandan.domain.hours.Capture;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;

class RecordingOrganisationTest {
    private static HoursRecord record(String id, String districtId, int halfHours) {
        return new HoursRecord(id, id, "v-li", "team-" + districtId, "队", new Source(SourceType.ACTIVITY, "a-" + id),
                "读报", "elderly_care", new AreaPath("c-" + districtId, "s-" + districtId, districtId), halfHours,
                LocalDate.parse("2026-11-21"), null, null, RecordStatus.CERTIFIED, null, List.of(), null, List.of(),
                "leader", Instant.EPOCH, "dispatcher", Instant.EPOCH, null, null, null, 1, Capture.MANUAL);
    }

    private final List<HoursRecord> records = List.of(record("h1", "weicheng", 4), record("h2", "qindu", 2),
            record("h3", "weicheng", 4), record("h4", "qindu", 20));

    @Test
    void aCertificateCoversOnlyTheHoursItsIssuerRecorded() {
        assertEquals(List.of("h1", "h3"), RecordingOrganisation.recordedBy("weicheng", records).stream()
                .map(HoursRecord::id).toList());
        assertEquals(List.of("h2", "h4"), RecordingOrganisation.recordedBy("qindu", records).stream()
                .map(HoursRecord::id).toList());
    }

    @Test
    void onlyOrganisationsThatRecordedHoursIssueTheMostRecordsFirst() {
        assertEquals(List.of("weicheng", "qindu"), RecordingOrganisation.issuersOf(List.of(record("h1", "weicheng", 4),
                record("h2", "qindu", 2), record("h3", "weicheng", 4))));
        assertEquals(List.of(), RecordingOrganisation.issuersOf(List.of()));
        assertEquals(true, RecordingOrganisation.mayIssue("qindu", records));
        assertEquals(false, RecordingOrganisation.mayIssue("sanyuan", records), "recorded none of them");
    }

    @Test
    void theOrganisationThatRecordedARecordIsTheDistrictWhoseDeskKeptIt() {
        assertEquals("qindu", RecordingOrganisation.of(record("h2", "qindu", 2)));
    }
}
