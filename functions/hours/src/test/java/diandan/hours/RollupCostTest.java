package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;
import diandan.domain.hours.ServiceDates;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A rollup's cost grows with the records certified since the last run, never with all records: the same three
 * certifications cost the same reads and writes after 10 tallied records as after 100.
 */
@ExtendWith(DynaliteExtension.class)
class RollupCostTest {
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);
    static final Caller CERTIFIER = Claims.caller(HoursWorld.DISPATCHER);
    static final LocalDate MEASURED_DAY = LocalDate.parse("2026-11-20");
    static HoursWorld world;
    static LocalTable table;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        world = new HoursWorld(table);
    }

    /** What one run cost: its writes and the items it read. */
    record Cost(int writes, long itemsRead, HoursRollup.Report report) {
    }

    @Test
    void aRunCostsWhatWasCertifiedSinceTheLastOne() {
        history(10);
        certifyThreeOn(MEASURED_DAY);
        world.rollup(); // the measured tallies exist from now on: both measured runs update, none creates
        history(10);
        certifyThreeOn(MEASURED_DAY);
        Cost afterTen = measuredRun();
        history(90);
        certifyThreeOn(MEASURED_DAY);
        Cost afterHundred = measuredRun();

        assertEquals(afterTen, afterHundred);
        // lease, plan, 60 tallies (9 public and 27 leaderboard entries of three volunteers, 15 public and 9
        // leaderboard entries they share), 3 records marked, batch finished, lease given back
        assertEquals(67, afterTen.writes());
        assertEquals(HoursRollup.Report.didRun(1, 3, 60), afterTen.report());
        // the latest batch (before and after this one), 3 queue entries, 3 records, the 36 leaderboard entries
        // whose sort keys move, the 3 volunteers' all-time tallies for their star levels (the steps are the
        // national ones: no item)
        assertEquals(2 + 3 + 3 + 36 + 3, afterTen.itemsRead());
        assertTrue(TallyAudit.countByType(table).get("hours_record") > 100);
        TallyAudit.assertTalliesMatchRecords(table);
    }

    private static Cost measuredRun() {
        StoreProbe probe = StoreProbe.on(table).build();
        DynamoDbClient client = probe.client();
        HoursRollup.Report report = new HoursWiring(client, table.name(), world.clock).rollup.run("measured");
        return new Cost(probe.reading().writeCalls(), probe.reading().totalItemsReturned(), report);
    }

    private static void certifyThreeOn(LocalDate day) {
        List<HoursRecorder.Entry> entries = List.of(new HoursRecorder.Entry("v-li", 1.0, day.toString(), null, null),
                new HoursRecorder.Entry("v-wang", 1.5, day.toString(), null, null),
                new HoursRecorder.Entry("v-sun", 2.0, day.toString(), null, null));
        world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", request(day), entries), null).records()
                .forEach(r -> world.wiring.certification.certify(CERTIFIER, r.id()));
    }

    /** Records certified and tallied on other days: the history a run must not pay for. */
    private static void history(int records) {
        for (int i = 0; i < records; i++) {
            LocalDate day = LocalDate.parse("2026-10-01").plusDays(i % 45);
            HoursRecorder.Entry entry = new HoursRecorder.Entry("v-chen", 0.5, day.toString(), null, null);
            world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", request(day), List.of(entry)), null)
                    .records().forEach(r -> world.wiring.certification.certify(CERTIFIER, r.id()));
        }
        world.rollup();
    }

    private static String request(LocalDate day) {
        Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        return world.resolvedRequest(HoursWorld.CARE, morning, morning.plus(Duration.ofHours(3)));
    }
}
