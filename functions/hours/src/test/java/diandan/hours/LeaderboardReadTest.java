package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoTallyRepository;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.app.notify.EventOutbox;
import diandan.app.points.PointsEarning;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.domain.hours.ServiceDates;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyScope;
import diandan.port.registry.RegistryRepository;

/**
 * A leaderboard read is a fixed number of items: the board's leaders item and the entries it names, however many
 * volunteers are ranked in the area; and it stays exact as entries pass the leaders and leaders lose hours.
 */
@ExtendWith(DynaliteExtension.class)
class LeaderboardReadTest {
    /** Leaders a board keeps here: a few, so that a few volunteers outnumber them. */
    static final int LEADERS = 4;
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);
    static final Caller CERTIFIER = Claims.caller(HoursWorld.DISPATCHER);
    static final LocalDate DAY = LocalDate.parse("2026-06-01");

    record Read(List<String> ids, long itemsRead) {
    }

    @Test
    void aLeaderboardReadsItsLeadersWhateverTheNumberRanked(LocalTable table) {
        HoursWorld world = new HoursWorld(table);
        DynamoTallyRepository store = new DynamoTallyRepository(table.client(), table.name(), LEADERS);
        HoursRollup rollup = new HoursRollup(store, store, world.wiring.records, world.wiring.stars,
                new PointsEarning(world.wiring.points, store, world.wiring.stars, world.wiring.pointsRule),
                EventOutbox.NONE, HoursRollup.Settings.standard(), world.clock);
        List<String> v = joinTheCareTeam(table, world, 12);
        String request = request(world);

        List<String> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(certify(world, request, v.get(i), 0.5 * (i + 1)));
        }
        rollup.run("six");
        Read six = read(table);
        assertEquals(List.of(v.get(5), v.get(4), v.get(3), v.get(2)), six.ids());

        // six more ranked, one of them past every leader, one equal to the last leader (the higher id ranks first)
        certify(world, request, v.get(6), 4.0);
        certify(world, request, v.get(7), 2.0);
        for (int i = 8; i < 12; i++) {
            certify(world, request, v.get(i), 0.5);
        }
        rollup.run("twelve");
        Read twelve = read(table);
        assertEquals(List.of(v.get(6), v.get(5), v.get(4), v.get(7)), twelve.ids());
        assertEquals(twelve.itemsRead(), six.itemsRead(), "the same items read for 6 and 12 volunteers ranked");
        assertEquals(1 + LEADERS, twelve.itemsRead(), "the leaders item and each leader's entry");

        // a leader corrected down falls behind one who was not a leader
        String correction = world.wiring.certification.correct(LEADER, records.get(5), 0.5, "recount").id();
        world.wiring.certification.certify(CERTIFIER, correction);
        rollup.run("corrected");
        assertEquals(List.of(v.get(6), v.get(4), v.get(7), v.get(3)), read(table).ids());
        TallyAudit.assertTalliesMatchRecords(table);
    }

    private static Read read(LocalTable table) {
        StoreProbe probe = StoreProbe.on(table).metered().build();
        List<Tally> board = new DynamoTallyRepository(probe.client(), table.name(), LEADERS)
                .leaderboard(TallyScope.VOLUNTEER, AreaType.COMMUNITY, "xinbei", "2026", LEADERS);
        return new Read(board.stream().map(t -> t.key().id()).toList(), probe.reading().totalItemsReturned());
    }

    private static String certify(HoursWorld world, String request, String volunteer, double hours) {
        String id = world.wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", request,
                List.of(new HoursRecorder.Entry(volunteer, hours, DAY.toString(), null, null))), null).records().get(0).id();
        world.wiring.certification.certify(CERTIFIER, id);
        return id;
    }

    private static String request(HoursWorld world) {
        Instant morning = DAY.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        return world.resolvedRequest(HoursWorld.CARE, morning, morning.plus(Duration.ofHours(8)));
    }

    /** Volunteers v-r00, v-r01, … registered and made members of the care team. */
    private static List<String> joinTheCareTeam(LocalTable table, HoursWorld world, int volunteers) {
        RegistryRepository registry = new DynamoRegistryRepository(table.client(), table.name());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < volunteers; i++) {
            String id = String.format("v-r%02d", i);
            registry.putVolunteer(new Volunteer(id, "志愿者" + i, String.format("1390001%04d", i)));
            ids.add(id);
        }
        List<String> members = new ArrayList<>(List.of("v-li", "v-wang", "v-chen", "v-sun"));
        members.addAll(ids);
        registry.putTeam(new Team(HoursWorld.CARE, "新北社区助老服务队", List.of("elderly_care", "legal"),
                List.of("weiyang"), 10, List.of("leader-chen", "leader-sun"), members, true, 2));
        world.wiring.base.registry.invalidate();
        return ids;
    }
}
