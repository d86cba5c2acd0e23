package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

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
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;

/**
 * A volunteer's login is linked to their volunteer id when a token naming them ({@code custom:volunteer_id})
 * reads or sets its notification settings: their messages then follow their own settings and consents (WeChat
 * while they have a subscription, else SMS), and a login whose token stops naming them stops hearing of them.
 */
@ExtendWith(DynaliteExtension.class)
class VolunteerLinkTest {
    static final Instant AFTERNOON = Instant.parse("2026-11-28T09:30:00Z"); // 17:30 in Beijing
    static final Caller VOLUNTEER = new Caller("u-v0105", EnumSet.of(Role.VOLUNTEER), null, null, "v0105");
    static final Caller DESK = new Caller("dispatcher-hours", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);
    static final String REGISTRY_PHONE = "13358713518"; // v0105's in the demo registry

    NotifyDesk desk;
    NotificationPreferences preferences;

    @BeforeEach
    void setUp(LocalTable table) {
        desk = new NotifyDesk(table, AFTERNOON);
        preferences = new NotificationPreferences(desk.settings, desk.clock);
    }

    @Test
    void readingTheSettingsWithAVolunteersTokenLinksTheLoginAndTheirMessagesGoByTheirWeChat() {
        assertNull(preferences.get(new Caller("u-v0105", EnumSet.of(Role.VOLUNTEER), null, null, null)).volunteerId(),
                "a token naming nobody links nothing");
        assertEquals("v0105", preferences.get(VOLUNTEER).volunteerId());
        assertEquals(Optional.of("u-v0105"), desk.settings.loginOf("v0105"));
        preferences.recordConsents(VOLUNTEER, List.of("star_level_reached", "hours_certified"), "o-v0105", null);

        DomainEvent reached = DomainEvent.starLevelReached("v0105", 1, AFTERNOON);
        desk.notifier.handle(reached);
        desk.notifier.handle(reached);
        HoursRecord record = pending();
        new HoursWiring(desk.wiring, HoursRollup.Settings.standard()).certification.certify(DESK, record.id());
        desk.notifier.handle(desk.bus.published.get(0));

        assertEquals(List.of("o-v0105", "o-v0105"), desk.wechat.sent.stream().map(RecordingSender.Sent::address).toList());
        assertEquals(List.of(MessageTemplate.STAR_LEVEL_REACHED, MessageTemplate.HOURS_CERTIFIED),
                desk.wechat.sent.stream().map(s -> s.notice().template()).toList());
        assertTrue(desk.sms.sent.isEmpty());
        assertEquals(0, desk.settings.find("u-v0105").orElseThrow().consents(MessageTemplate.STAR_LEVEL_REACHED));

        desk.notifier.handle(DomainEvent.starLevelReached("v0105", 2, AFTERNOON));
        assertEquals(REGISTRY_PHONE, desk.sms.sent.get(0).address(), "no subscription left: SMS to their own phone");
        preferences.set(VOLUNTEER, true, true, "13900000105", null);
        desk.notifier.handle(DomainEvent.starLevelReached("v0105", 3, AFTERNOON));
        assertEquals("13900000105", desk.sms.sent.get(1).address(), "the phone they set");
    }

    @Test
    void aLoginWhoseTokenNoLongerNamesTheVolunteerHearsNothingOfThem() {
        Caller formerly = new Caller("u-former", EnumSet.of(Role.VOLUNTEER), null, null, "v0105");
        preferences.recordConsents(formerly, List.of("star_level_reached"), "o-former", null);
        preferences.set(formerly, true, true, "13900000777", null);
        assertEquals("v0105", preferences.get(formerly).volunteerId());
        Caller now = new Caller("u-former", EnumSet.of(Role.VOLUNTEER), null, null, null);
        assertNull(preferences.get(now).volunteerId());

        desk.notifier.handle(DomainEvent.starLevelReached("v0105", 4, AFTERNOON)); // the table is the class's

        assertTrue(desk.wechat.sent.isEmpty());
        assertEquals(List.of(REGISTRY_PHONE), desk.sms.sent.stream().map(RecordingSender.Sent::address).toList());
        assertEquals(MessageChannel.SMS, desk.sms.sent.get(0).channel());
    }

    HoursRecord pending() {
        Source activity = new Source(SourceType.ACTIVITY, "a-link-" + System.nanoTime());
        String id = HoursRecord.originalId("v0105", activity);
        HoursRecord record = new HoursRecord(id, id, "v0105", "xinbei-linlicheng", "邻里成服务队", activity, "理发",
                "home_repair", new AreaPath("xinbei", "weiyang", "weicheng"), 5, LocalDate.parse("2026-11-27"), "理发",
                "带工具", RecordStatus.PENDING, null, List.of(), null, List.of(), "leader-xinbei",
                AFTERNOON.minusSeconds(3600), null, null, null, null, null, 1, Capture.MANUAL);
        assertTrue(new HoursWiring(desk.wiring, HoursRollup.Settings.standard()).records.create(record));
        return record;
    }
}
