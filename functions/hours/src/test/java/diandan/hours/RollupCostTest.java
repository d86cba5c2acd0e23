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
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.domain.Caller;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.domain.hours.ServiceDates;
import diandan.port.registry.RegistryRepository;
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
        // every certified hour earns a point, so that each measured record writes a ledger entry
        world.wiring.pointsRule.set(Claims.caller(HoursWorld.ADMIN), 1, 10_000_000, 0);
    }

    /** What one run cost: its writes, the write units DynamoDB bills for them (indexes included), the items it read. */
    record Cost(int writes, double writeUnits, long itemsRead, HoursRollup.Report report) {
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
        // lease, plan, 40 tally items for 60 totals (a year's item holds the month too: each volunteer's year and
        // all-time items, public and at 3 ranking areas, 24; the team's at 3 ranking areas and the public ones of
        // team, community, street, district and category, 16), 3 points ledger entries (one per record: every hour
        // earns here), 3 records marked, batch finished, lease given back
        assertEquals(50, afterTen.writes());
        assertEquals(HoursRollup.Report.didRun(1, 3, 60), afterTen.report());
        // one unit a write (every item under 1 KB), and each record's tally item leaving the queue index: 3; when
        // the mark was on the record (its 6 index entries each) it was 68, and with leaderboard entries on the area
        // indexes and one item per period 160 (70 writes, 72 index units)
        assertEquals(50 + 3, afterTen.writeUnits());
        // the latest batch (before and after this one), 3 queue entries, 3 records and their 3 tally items, the 3
        // volunteers' all-time tallies read for star levels reached, then again for points eligibility (no star
        // steps are set: no item), the points rule, and the newest entry of each of the 3 ledgers (an entry of an
        // earlier batch: the look-back for the record's step stops there); no leaderboard entry is read to move its
        // sort key (36 were); and the leaders item of each board the batch touched (6 boards: the volunteers' and
        // the team's at 3 areas, each for the month, the year and all time), none rewritten: leaders that gain stay
        assertEquals(2 + 3 + 3 + 3 + 3 + 3 + 1 + 3 + 18, afterTen.itemsRead());
        assertTrue(TallyAudit.countByType(table).get("hours_record") > 100);
        TallyAudit.assertTalliesMatchRecords(table);
    }

    /** One record of a volunteer whose tallies exist: a year's item and an all-time one per scope and ranking. */
    @Test
    void aLoneRecordWritesTwentyFourTallyItems() {
        history(1);
        certify(MEASURED_DAY.plusDays(1), "v-li");
        world.rollup(); // its tallies exist from now on: the measured run updates them, as most runs do
        certify(MEASURED_DAY.plusDays(1), "v-li");
        Cost lone = measuredRun();

        // lease, plan, 24 tally items for 36 totals (6 scopes and 6 leaderboard entries, each a year's item and an
        // all-time one), 1 points ledger entry, the record's tally item marked, batch finished, lease given back
        assertEquals(30, lone.writes());
        // and the tally item's queue entry removed; it was 36 with the mark on the record (a unit for each of its 6
        // index entries), and 84 before that (42 writes, 36 leaderboard and 6 record index units); no board's leaders
        // item is written: the volunteer, a leader already, only gains
        assertEquals(30 + 1, lone.writeUnits());
        TallyAudit.assertTalliesMatchRecords(table);
    }

    /** A hundred records of a hundred volunteers of one team, on one day: as many volunteers' totals as records. */
    @Test
    void aRunOverAHundredVolunteersWritesEightItemsForEach() {
        history(1);
        List<String> hundred = joinTheCareTeam(100);
        LocalDate day = LocalDate.parse("2026-06-01");
        certify(day, hundred.subList(0, 50).toArray(String[]::new));
        certify(day, hundred.subList(50, 100).toArray(String[]::new));
        Cost run = measuredRun();

        // 36 totals a record, 12 of them its volunteer's own: 1,224 totals, more than a batch's 1,200
        assertEquals(HoursRollup.Report.didRun(2, 100, 1224 + 24), run.report());
        // 12.1 a record: each volunteer's 8 items (a year's and an all-time one, public and at 3 ranking areas), the
        // record's tally item marked (a unit and one for its queue entry), its points entry, the plans (each
        // planned record names the version planned), and the leaders items of the volunteers' 9 boards (3 areas,
        // each for the month, the year and all time), rewritten once a batch as 50 new volunteers join them: 21
        // units, 0.21 a record; it was 1,684 with the mark on the record (7 units), and 3,033 when each volunteer
        // had 12 items, 9 of them leaderboard entries billing 3 units an update
        assertEquals(1186 + 21, run.writeUnits());
        TallyAudit.assertTalliesMatchRecords(table);
    }

    /** Volunteers v-m000, v-m001, … registered and made members of the care team. */
    private static List<String> joinTheCareTeam(int volunteers) {
        RegistryRepository registry = new DynamoRegistryRepository(table.client(), table.name());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < volunteers; i++) {
            String id = String.format("v-m%03d", i);
            registry.putVolunteer(new Volunteer(id, "志愿者" + i, String.format("1390000%04d", i)));
            ids.add(id);
        }
        List<String> members = new java.util.ArrayList<>(List.of("v-li", "v-wang", "v-chen", "v-sun"));
        members.addAll(ids);
        registry.putTeam(new Team(HoursWorld.CARE, "新北社区助老服务队", List.of("elderly_care", "legal"),
                List.of("weiyang"), 10, List.of("leader-chen", "leader-sun"), members, true, 2));
        world.wiring.base.registry.invalidate();
        return ids;
    }

    private static Cost measuredRun() {
        StoreProbe probe = StoreProbe.on(table).metered().build();
        DynamoDbClient client = probe.client();
        HoursRollup.Report report = new HoursWiring(client, table.name(), world.clock).rollup.run("measured");
        return new Cost(probe.reading().writeCalls(), probe.reading().writeUnits(), probe.reading().totalItemsReturned(),
                report);
    }

    private static void certifyThreeOn(LocalDate day) {
        List<HoursRecorder.Entry> entries = List.of(new HoursRecorder.Entry("v-li", 1.0, day.toString(), null, null),
                new HoursRecorder.Entry("v-wang", 1.5, day.toString(), null, null),
                new HoursRecorder.Entry("v-sun", 2.0, day.toString(), null, null));
        world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", request(day), entries), null).records()
                .forEach(r -> world.wiring.certification.certify(CERTIFIER, r.id()));
    }

    /** A record of half an hour for each volunteer, served on {@code day}, certified. */
    private static void certify(LocalDate day, String... volunteers) {
        List<HoursRecorder.Entry> entries = java.util.Arrays.stream(volunteers)
                .map(v -> new HoursRecorder.Entry(v, 0.5, day.toString(), null, null)).toList();
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
