package diandan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * What the SLA report reads over a day, a month and a year of a district (section 6 of docs/performance.md, which
 * prints here too): the counts, stable whatever the machine; the times only printed. At a tenth of a province-sized
 * district's volume, to stay quick: the summary items read do not depend on it, the requests read are the
 * district's of a day or two; {@code -Dsla.requestsADay=137 -Dsla.timedRuns=5} measures the whole volume.
 */
@ExtendWith(DynaliteExtension.class)
class SlaReportScaleTest {
    /** {@code [month items, day items, requests]} read, and months stored. */
    static void assertReads(int months, int days, long requests, int monthsStored, SlaReportScale.Reads reads,
                            String what) {
        assertEquals(List.of(months, days, requests, monthsStored),
                List.of(reads.months(), reads.days(), reads.requests(), reads.monthsStored()), what + ": " + reads);
    }

    @Test
    void aYearOfADistrictReadsTwelveMonthItemsOnceItsMonthsAreSummarized(LocalTable engineTable) {
        int perDay = Integer.getInteger("sla.requestsADay", SlaReportScale.REQUESTS_A_DAY / 10);
        SlaReportScale scale = new SlaReportScale(engineTable.engine(), engineTable.client(),
                "sla" + UUID.randomUUID().toString().substring(0, 8), perDay, Integer.getInteger("sla.timedRuns", 1));
        SlaReportScale.Result result = scale.run();
        Markdown section = new Markdown();
        scale.write(section, result);
        System.out.println(section);

        List<SlaReportScale.Figures> f = result.figures();
        // a whole day: its summary
        assertReads(0, 1, 0, 0, f.get(0).first(), "a day, first");
        assertReads(0, 1, 0, 0, f.get(0).then(), "a day");
        // December: its 31 days the first time, which stores the month; then the month alone
        assertReads(0, 31, 0, 1, f.get(1).first(), "a month, first");
        assertReads(1, 0, 0, 0, f.get(1).then(), "a month");
        // 2026: December's month and the other 334 days the first time, which stores their 11 months
        assertReads(1, 334, 0, 11, f.get(2).first(), "a year, first");
        assertReads(12, 0, 0, 0, f.get(2).then(), "a year");
        // the last 24 hours: not a day old, request by request
        assertReads(0, 0, perDay, 0, f.get(3).then(), "the last 24 hours");
        // the last 365 days: 2 January 2026 from 10:00, 3 to 31 January (29 days), February to December (11
        // months), 1 January 2027, and 2 January 2027 until 10:00 (with the part of 2 January 2026, a day's requests)
        assertReads(11, 29, 2L * perDay, 0, f.get(4).then(), "the last 365 days");
    }
}
