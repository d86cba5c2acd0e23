package diandan.domain.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import diandan.domain.AreaPath;
import diandan.domain.Validation;

class HoursRulesTest {
    static final TallyFacts FACTS = new TallyFacts("v-li", "team-care", new AreaPath("xinbei", "weiyang", "weicheng"),
            "elderly_care", LocalDate.parse("2026-11-28"));

    @ParameterizedTest(name = "{0} h -> {1}")
    @CsvSource({"0.5, 1", "2, 4", "2.5, 5", "24, 48", "0, ", "-1, ", "24.5, ", "1.25, ", "0.1, ", "1e9, "})
    void hoursAreHalfHourStepsAboveZeroUpTo24(double hours, Integer halfHours) {
        Validation v = new Validation();
        assertEquals(halfHours, HalfHours.parse(v, "hours", hours));
        assertEquals(halfHours == null, v.has("hours"));
    }

    @Test
    void hoursReadWithoutTrailingZeros() {
        assertEquals("2.5", HalfHours.toHours(5).toPlainString());
        assertEquals("3", HalfHours.toHours(6).toPlainString());
        assertEquals("10", HalfHours.toHours(20).toPlainString());
        assertEquals("-1.5", HalfHours.toHours(-3).toPlainString());
        assertEquals(5, HalfHours.fromHours(HalfHours.toHours(5)));
        assertNull(HalfHours.parse(new Validation(), "hours", null));
    }

    @Test
    void serviceDatesAreBeijingDays() {
        assertEquals(LocalDate.parse("2026-11-29"), ServiceDates.dateOf(Instant.parse("2026-11-28T16:00:00Z")));
        ServiceDates.Span overnight = ServiceDates.Span.between(Instant.parse("2026-11-27T15:00:00Z"),
                Instant.parse("2026-11-27T17:00:00Z"));
        assertTrue(overnight.contains(LocalDate.parse("2026-11-27")));
        assertTrue(overnight.contains(LocalDate.parse("2026-11-28")));
        assertFalse(overnight.contains(LocalDate.parse("2026-11-26")));
        assertEquals("2026-11-27 to 2026-11-28", overnight.toString());
    }

    @Test
    void aRecordCountsInThirtySixTotals() {
        List<TallyKey> keys = TallyKey.of(FACTS);
        assertEquals(36, keys.size());
        assertEquals(36, new HashSet<>(keys).size());
        assertEquals(List.of("2026-11", "2026", "all"), Periods.of(FACTS.date()));
        assertTrue(keys.contains(TallyKey.of(TallyScope.CATEGORY, "elderly_care", "2026")));
        assertTrue(keys.contains(new TallyKey(TallyScope.VOLUNTEER, "v-li", diandan.domain.AreaType.STREET, "weiyang", "all")));
        assertEquals(18, keys.stream().filter(TallyKey::isRanking).count());
    }

    @ParameterizedTest
    @CsvSource({"2026-11, true", "2026, true", "all, true", "2026-13, false", "26-11, false", "ALL, false", "2026-1, false"})
    void periods(String period, boolean valid) {
        assertEquals(valid, Periods.isValid(period));
    }

    @Test
    void onlyCertifiedRecordsCountAndACertifiedCorrectionReplacesWhatItSupersedes() {
        HoursRecord original = record("h1", RecordStatus.CERTIFIED, 8, List.of());
        HoursRecord correction = record("h2", RecordStatus.CERTIFIED, 6, List.of("h1"));
        HoursRecord pending = record("h3", RecordStatus.PENDING, 4, List.of());
        assertEquals(List.of(original), CountedRecords.of(List.of(original, pending)));
        assertEquals(List.of(correction), CountedRecords.of(List.of(original, correction, pending)),
                "before the original is marked superseded, the certified correction already replaces it");
        HoursRecord pendingCorrection = record("h2", RecordStatus.PENDING, 6, List.of("h1"));
        assertEquals(List.of(original), CountedRecords.of(List.of(original, pendingCorrection)));
        assertEquals(8, CountedRecords.halfHours(CountedRecords.of(List.of(original, pendingCorrection))));
    }

    @Test
    void aCorrectionKeepsTheServiceAndReplacesTheWholeChain() {
        HoursRecord original = record("h1", RecordStatus.CERTIFIED, 8, List.of());
        HoursRecord first = original.correctedBy(6, "recount", "leader", Instant.parse("2026-11-28T10:00:00Z"));
        HoursRecord second = first.correctedBy(7, "again", "leader", Instant.parse("2026-11-28T11:00:00Z"));
        assertEquals(HoursRecord.correctionId("h1"), first.id());
        assertEquals(List.of("h1", first.id()), second.supersedes());
        assertEquals("h1", second.rootId());
        assertEquals(first.id(), second.correctsId());
        assertEquals(RecordStatus.PENDING, second.status());
        assertEquals(original.facts(), second.facts());
    }

    static HoursRecord record(String id, RecordStatus status, int halfHours, List<String> supersedes) {
        return new HoursRecord(id, supersedes.isEmpty() ? id : supersedes.get(0), "v-li", "team-care", "助老服务队",
                new Source(SourceType.REQUEST, "r1"), "敬老助残", "elderly_care", FACTS.area(), halfHours, FACTS.date(),
                null, null, status, supersedes.isEmpty() ? null : supersedes.get(supersedes.size() - 1), supersedes,
                null, List.of(), "leader", Instant.parse("2026-11-28T09:00:00Z"), null, null, null, null, null, 1,
                Capture.MANUAL);
    }
}
