package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.app.hours.HoursRollup;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.hours.Capture;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.Source;
import diandan.domain.hours.SourceType;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;
import diandan.domain.notify.Recipient;

/**
 * The notifier on hours events: a certification tells the volunteer (on the phone the registry knows for them,
 * after quiet hours), a dispute the team's leaders; each once however often the bus delivers the event; neither
 * names the volunteer nor says what they wrote.
 */
@ExtendWith(DynaliteExtension.class)
class HoursNoticesTest {
    static final Instant AFTERNOON = Instant.parse("2026-11-28T09:30:00Z"); // 17:30 in Beijing
    static final Caller DESK = new Caller("dispatcher-hours", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);
    static final Caller VOLUNTEER = new Caller("u-v0105", EnumSet.of(Role.VOLUNTEER), null, null, "v0105");
    static final String VOLUNTEER_PHONE = "13358713518"; // v0105's in the demo registry
    static final String TEAM = "xinbei-linlicheng";

    NotifyDesk desk;
    HoursWiring hours;

    @BeforeEach
    void setUp(LocalTable table) {
        desk = new NotifyDesk(table, AFTERNOON);
        hours = new HoursWiring(desk.wiring, HoursRollup.Settings.standard());
    }

    HoursRecord pending() {
        Source activity = new Source(SourceType.ACTIVITY, "a-notice-" + System.nanoTime());
        String id = HoursRecord.originalId("v0105", activity);
        HoursRecord record = new HoursRecord(id, id, "v0105", TEAM, "邻里成服务队", activity, "理发", "home_repair",
                new AreaPath("xinbei", "weiyang", "weicheng"), 5, LocalDate.parse("2026-11-27"), "理发", "带工具",
                RecordStatus.PENDING, null, List.of(), null, List.of(), "leader-xinbei", AFTERNOON.minusSeconds(3600),
                null, null, null, null, null, 1, Capture.MANUAL);
        assertTrue(hours.records.create(record));
        return record;
    }

    @Test
    void aCertificationTellsTheVolunteerOnceEvenWhenTheEventComesTwice() {
        HoursRecord record = pending();
        hours.certification.certify(DESK, record.id());
        DomainEvent certified = desk.bus.published.get(0);

        desk.notifier.handle(certified);
        desk.notifier.handle(certified);

        assertEquals(1, desk.sms.sent.size());
        RecordingSender.Sent sent = desk.sms.sent.get(0);
        assertEquals(VOLUNTEER_PHONE, sent.address());
        assertEquals(Recipient.Role.VOLUNTEER, sent.notice().to().role());
        assertEquals(MessageTemplate.HOURS_CERTIFIED, sent.notice().template());
        assertTrue(sent.notice().text().contains("2.5小时"), sent.notice().text());
        assertFalse(sent.notice().text().contains("吴永刚"), "no name: " + sent.notice().text());
    }

    @Test
    void aCertificationInTheNightWaitsForTheMorning() {
        desk.clock.set(Instant.parse("2026-11-28T15:00:00Z")); // 23:00 in Beijing
        HoursRecord record = pending();
        hours.certification.certify(DESK, record.id());
        desk.notifier.handle(desk.bus.published.get(0));
        assertTrue(desk.sms.sent.isEmpty());
        desk.clock.advance(Duration.ofHours(8)); // 07:00
        desk.notifier.releaseHeld();
        assertEquals(1, desk.sms.sent.size());
    }

    @Test
    void aDisputeTellsTheTeamsLeadersOnceEachWithoutTheVolunteersWords() {
        List<String> leaders = desk.wiring.registry.get().team(TEAM).orElseThrow().leaders();
        leaders.forEach(leader -> desk.settings.save(new NotifySettings(leader, false, true, null, "13900000012", Map.of())));
        HoursRecord record = pending();
        hours.certification.dispute(VOLUNTEER, record.id(), "少记了半小时，我13900001111");
        DomainEvent disputed = desk.bus.published.get(0);

        desk.notifier.handle(disputed);
        desk.notifier.handle(disputed);

        List<RecordingSender.Sent> sent = desk.sms.sent;
        assertEquals(leaders.size(), sent.size());
        Set<String> told = sent.stream().map(s -> s.notice().to().sub()).collect(Collectors.toSet());
        assertEquals(Set.copyOf(leaders), told);
        assertTrue(sent.stream().allMatch(s -> s.notice().template() == MessageTemplate.HOURS_DISPUTED
                && !s.notice().text().contains("少记")));
    }

    @Test
    void reachingAStarLevelTellsTheVolunteerOnceEvenWhenTheEventComesTwice() {
        DomainEvent reached = DomainEvent.starLevelReached("v0105", 2, AFTERNOON);

        desk.notifier.handle(reached);
        desk.notifier.handle(reached);

        assertEquals(1, desk.sms.sent.size());
        RecordingSender.Sent sent = desk.sms.sent.get(0);
        assertEquals(VOLUNTEER_PHONE, sent.address());
        assertEquals(MessageTemplate.STAR_LEVEL_REACHED, sent.notice().template());
        assertTrue(sent.notice().text().contains("成为★★星级志愿者"), sent.notice().text());
        assertFalse(sent.notice().text().contains("吴永刚"), "no name: " + sent.notice().text());
    }

    @Test
    void reachingAStarLevelInTheNightIsToldInTheMorning() {
        desk.clock.set(Instant.parse("2026-11-28T15:00:00Z")); // 23:00 in Beijing
        desk.notifier.handle(DomainEvent.starLevelReached("v0105", 1, desk.clock.instant()));
        assertTrue(desk.sms.sent.isEmpty());
        desk.clock.advance(Duration.ofHours(8)); // 07:00
        desk.notifier.releaseHeld();
        assertEquals(1, desk.sms.sent.size());
        assertEquals(MessageTemplate.STAR_LEVEL_REACHED, desk.sms.sent.get(0).notice().template());
    }
}
