package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.DynamoDueIndex;
import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import java.util.EnumSet;

import diandan.app.request.NewRequest;
import diandan.domain.BreachWarning;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.notify.Delivery;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;

/** Who hears of what, on which channel, once; on dynalite, with channels that record. */
@ExtendWith(DynaliteExtension.class)
class NotifierTest {
    /** 17:30 in Beijing: no quiet hours. */
    static final Instant DAY = Instant.parse("2026-11-28T09:30:00Z");
    /** 23:10 in Beijing. */
    static final Instant NIGHT = Instant.parse("2026-11-28T15:10:00Z");

    LocalTable table;

    @BeforeEach
    void setUp(LocalTable table) {
        this.table = table;
    }

    static DomainEvent only(NotifyDesk desk, EventType type) {
        List<DomainEvent> events = desk.bus.published.stream().filter(e -> e.type() == type).toList();
        assertEquals(1, events.size(), type + " events: " + events);
        return events.get(0);
    }

    @Test
    void aDispatchTellsTheTeamLeaderOnceByWeChatUsingOneConsent() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        ServiceRequest request = desk.submitByHotline();
        String leader = desk.leaderOf(request);
        desk.settings.save(new NotifySettings(leader, true, true, "o-leader", "13900000001", Map.of()));
        desk.settings.addConsents(leader, List.of(MessageTemplate.NEW_ORDER, MessageTemplate.NEW_ORDER));
        DomainEvent dispatched = only(desk, EventType.DISPATCHED);

        desk.notifier.handle(dispatched);
        desk.notifier.handle(dispatched);

        assertEquals(1, desk.wechat.sent.size());
        assertEquals("o-leader", desk.wechat.sent.get(0).address());
        assertTrue(desk.sms.sent.isEmpty());
        assertEquals(1, desk.settings.find(leader).orElseThrow().consents(MessageTemplate.NEW_ORDER));
        Delivery delivery = desk.ledger.ofRequest(request.id()).get(0);
        assertEquals(Delivery.Outcome.SENT, delivery.outcome());
        assertEquals("wechat-1", delivery.providerMessageId());
        assertEquals("notified team leader by WeChat", delivery.timelineNote());
    }

    @Test
    void aClaimedWishTellsTheResidentWhoMadeItOnceAsWellAsTheClaimingTeamsLeaders() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        Caller resident = new Caller("resident-wish", EnumSet.of(Role.RESIDENT), null, null, null);
        desk.settings.save(new NotifySettings(resident.sub(), false, true, null, "13900000009", Map.of()));
        ServiceRequest wish = desk.wiring.intake.submit(resident, new NewRequest("education", "希望有志愿者周末陪孩子读书",
                "xinbei", "3号楼2单元", "张桂兰", NotifyDesk.CONTACT_PHONE, "wish_wall", null, null), null).request();
        Caller leader = new Caller("u-leader-xinbei-linlicheng", EnumSet.of(Role.TEAM_LEADER), "xinbei-linlicheng",
                null, null);
        desk.wiring.dispatch.claim(leader, wish.id(), null, "xinbei-linlicheng");
        DomainEvent claimed = only(desk, EventType.CLAIMED);

        desk.notifier.handle(claimed);
        desk.notifier.handle(claimed);

        List<RecordingSender.Sent> toResident = desk.sms.sent.stream()
                .filter(sent -> sent.notice().template() == MessageTemplate.WISH_CLAIMED).toList();
        assertEquals(1, toResident.size(), "once, however often the event comes: " + desk.sms.sent);
        assertEquals("13900000009", toResident.get(0).address());
        assertEquals(resident.sub(), toResident.get(0).notice().to().sub());
        assertTrue(toResident.get(0).notice().text().contains("心愿"), toResident.get(0).notice().text());
        assertTrue(!toResident.get(0).notice().text().contains("陪孩子读书"), "never the wish's words");
        assertTrue(desk.wechat.sent.isEmpty());
        assertTrue(desk.ledger.ofRequest(wish.id()).stream().anyMatch(d -> d.template() == MessageTemplate.NEW_ORDER),
                "the claiming team's leaders hear of it as before");
    }

    @Test
    void aLeaderWithoutAConsentLeftGetsAnSmsOnTheirOwnPhone() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        ServiceRequest request = desk.submitByHotline();
        String leader = desk.leaderOf(request);
        desk.settings.save(new NotifySettings(leader, true, true, "o-leader", "13900000001", Map.of()));

        desk.notifier.handle(only(desk, EventType.DISPATCHED));

        assertEquals(List.of("13900000001"), desk.sms.sent.stream().map(RecordingSender.Sent::address).toList());
        assertTrue(desk.sms.sent.get(0).notice().text().startsWith("【点单】便民维修服务请求（新北社区"),
                desk.sms.sent.get(0).notice().text());
    }

    @Test
    void aFailedWeChatMessageFallsBackToSmsAndGivesTheConsentBack() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        ServiceRequest request = desk.submitByHotline();
        String leader = desk.leaderOf(request);
        desk.settings.save(new NotifySettings(leader, true, true, "o-leader", "13900000001", Map.of()));
        desk.settings.addConsents(leader, List.of(MessageTemplate.NEW_ORDER));
        desk.wechat.failing = true;

        desk.notifier.handle(only(desk, EventType.DISPATCHED));

        assertEquals(1, desk.sms.sent.size());
        assertEquals(1, desk.settings.find(leader).orElseThrow().consents(MessageTemplate.NEW_ORDER));
        assertEquals("notified team leader by SMS", desk.ledger.ofRequest(request.id()).get(0).timelineNote());
    }

    @Test
    void theHotlineResidentHearsOfAcceptanceBySmsOnTheRequestsContactPhone() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        ServiceRequest request = desk.submitByHotline();
        desk.wiring.dispatch.accept(desk.leader(request), request.id(), null);

        desk.notifier.handle(only(desk, EventType.ACCEPTED));

        assertEquals(1, desk.sms.sent.size());
        assertEquals(NotifyDesk.CONTACT_PHONE, desk.sms.sent.get(0).address());
        assertEquals(MessageTemplate.ACCEPTED, desk.sms.sent.get(0).notice().template());
    }

    @Test
    void aRatingInvitationAtNightWaitsUntilSevenInTheMorning() {
        NotifyDesk desk = new NotifyDesk(table, NIGHT.minus(Duration.ofHours(2)));
        ServiceRequest request = desk.submitByHotline();
        desk.wiring.dispatch.accept(desk.leader(request), request.id(), null);
        desk.clock.set(NIGHT);
        desk.wiring.dispatch.resolve(desk.leader(request), request.id(), null, "已修好");

        desk.notifier.handle(only(desk, EventType.RESOLVED));
        desk.notifier.handle(only(desk, EventType.RATING_INVITED));
        assertEquals(List.of(MessageTemplate.RESOLVED),
                desk.sms.sent.stream().map(sent -> sent.notice().template()).toList(), "the resolution is urgent");

        desk.clock.set(Instant.parse("2026-11-28T22:59:00Z"));
        assertEquals(0, desk.notifier.releaseHeld().sent());
        desk.clock.set(Instant.parse("2026-11-28T23:00:00Z")); // 07:00 in Beijing
        assertEquals(1, desk.notifier.releaseHeld().sent());
        assertEquals(0, desk.notifier.releaseHeld().sent());
        assertEquals(MessageTemplate.RATING_INVITATION, desk.sms.sent.get(1).notice().template());
    }

    @Test
    void whenEveryWayFailsTheEventFailsAndItsRetrySendsTheMessageOnce() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        ServiceRequest request = desk.submitByHotline();
        desk.wiring.dispatch.accept(desk.leader(request), request.id(), null);
        desk.sms.failing = true;
        DomainEvent accepted = only(desk, EventType.ACCEPTED);

        assertThrows(Notifier.DeliveryFailedException.class, () -> desk.notifier.handle(accepted));
        assertEquals(Delivery.Outcome.FAILED, desk.ledger.ofRequest(request.id()).stream()
                .filter(d -> d.template() == MessageTemplate.ACCEPTED).findFirst().orElseThrow().outcome());
        desk.sms.failing = false;
        desk.notifier.handle(accepted);
        desk.notifier.handle(accepted);
        assertEquals(1, desk.sms.sent.size());
    }

    @Test
    void anEscalationTellsTheDispatchersFollowingItsLevelsArea() {
        NotifyDesk desk = new NotifyDesk(table, DAY);
        ServiceRequest request = desk.submitByHotline();
        desk.settings.followArea("dispatcher-xinbei", request.area().communityId(), true);
        desk.settings.followArea("dispatcher-street", request.area().streetId(), true);
        desk.settings.save(new NotifySettings("dispatcher-xinbei", false, true, null, "13900000002", Map.of()));
        DomainEvent escalated = new DomainEvent(request.id() + ".9", EventType.ESCALATED, request.id(),
                request.teamId(), 1, DAY);

        desk.notifier.handle(escalated);

        assertEquals(1, desk.sms.sent.size());
        assertEquals("13900000002", desk.sms.sent.get(0).address());
        assertTrue(desk.sms.sent.get(0).notice().text().contains("超时未接单，已升级为1级预警"),
                desk.sms.sent.get(0).notice().text());
    }

    @Test
    void aWarningBeforeTheRespondDeadlineTellsTheTeamLeadersAtOnceEvenAtNight() {
        NotifyDesk desk = new NotifyDesk(table, NIGHT);
        ServiceRequest request = desk.submitByHotline();
        String leader = desk.leaderOf(request);
        desk.settings.save(new NotifySettings(leader, false, true, null, "13900000001", Map.of()));
        Sweeper sweeper = new Sweeper(desk.wiring.requests, desk.wiring.changes,
                new DynamoDueIndex(table.client(), table.name()), desk.wiring.alerts, desk.wiring.routing,
                Sweeper.Limits.STANDARD, desk.clock, communityId -> Optional.empty());
        desk.clock.set(BreachWarning.warnAt(request, SlaClock.RESPOND));

        sweeper.sweep(desk.clock.instant());
        List<DomainEvent> warned = desk.bus.published.stream()
                .filter(e -> e.type() == EventType.WARNED && e.requestId().equals(request.id())).toList();
        assertEquals(1, warned.size(), "events: " + desk.bus.published);
        assertEquals(SlaClock.RESPOND.escalationLevel, warned.get(0).level());
        desk.notifier.handle(warned.get(0));

        assertEquals(List.of("13900000001"), desk.sms.sent.stream().map(RecordingSender.Sent::address).toList());
        assertEquals(MessageTemplate.BREACH_WARNING, desk.sms.sent.get(0).notice().template());
        assertTrue(desk.sms.sent.get(0).notice().text().contains("即将超时未接单"),
                desk.sms.sent.get(0).notice().text());
    }
}
