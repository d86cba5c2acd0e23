package diandan.app.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import diandan.devkit.Dynalite;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.notify.DomainEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No message about a volunteer goes to anyone not entitled to it: only to the login whose token names them
 * (its WeChat, its phone) or to the phone the registry knows for them, once per event, whatever the order and
 * the repeats of the deliveries, whoever else holds WeChat consents and phones, and whether a login that once
 * named the volunteer linked itself before or after theirs and then stopped naming them.
 */
class VolunteerNoticeProperties {
    static final Instant DAY = Instant.parse("2026-11-28T09:30:00Z");
    static final Map<String, Set<String>> ENTITLED = Map.of(
            "v0105", Set.of("o-v0105", "13900000105", "13358713518"),
            "v0001", Set.of("o-v0001", "18812804559"));
    static Dynalite engine;

    @BeforeContainer
    static void start() {
        engine = Dynalite.start(null);
    }

    @AfterContainer
    static void stop() {
        engine.close();
    }

    @Property(tries = 15)
    void messagesAboutAVolunteerReachOnlyThemOncePerEvent(@ForAll @IntRange(min = 1, max = 3) int repeats,
                                                          @ForAll long order,
                                                          @ForAll @IntRange(min = 0, max = 2) int consents,
                                                          @ForAll boolean linked, @ForAll boolean formerLast,
                                                          @ForAll boolean ownPhone) {
        NotifyDesk desk = new NotifyDesk(ExactlyOnceNotificationProperties.freshTable(engine), DAY);
        NotificationPreferences preferences = new NotificationPreferences(desk.settings, desk.clock);
        Caller volunteer = volunteer("u-v0105", "v0105");
        Caller former = volunteer("u-former", "v0105");
        Runnable formerLinksThenLeaves = () -> {
            preferences.recordConsents(former, List.of("star_level_reached", "star_level_reached"), "o-former", null);
            preferences.set(former, true, true, "13900000777", null);
            preferences.get(volunteer("u-former", null));
        };
        if (!formerLast) {
            formerLinksThenLeaves.run();
        }
        if (linked) {
            if (consents > 0) {
                preferences.recordConsents(volunteer, Collections.nCopies(consents, "star_level_reached"), null, null);
            }
            preferences.set(volunteer, true, true, ownPhone ? "13900000105" : null, "o-v0105");
        }
        if (formerLast) {
            formerLinksThenLeaves.run();
        }
        preferences.recordConsents(volunteer("u-v0001", "v0001"), List.of("star_level_reached"), "o-v0001", null);
        Caller bystander = new Caller("u-bystander", EnumSet.of(Role.TEAM_LEADER), "xinbei-linlicheng", null, null);
        preferences.recordConsents(bystander, List.of("star_level_reached", "star_level_reached"), "o-bystander", null);
        preferences.set(bystander, true, true, "13900000666", null);

        List<DomainEvent> events = List.of(DomainEvent.starLevelReached("v0105", 1, DAY),
                DomainEvent.starLevelReached("v0105", 2, DAY), DomainEvent.starLevelReached("v0001", 1, DAY));
        List<DomainEvent> deliveries = new ArrayList<>();
        events.forEach(event -> deliveries.addAll(Collections.nCopies(repeats, event)));
        Collections.shuffle(deliveries, new Random(order));
        deliveries.forEach(desk.notifier::handle);

        List<RecordingSender.Sent> sent = new ArrayList<>(desk.wechat.sent);
        sent.addAll(desk.sms.sent);
        Map<String, Integer> perEvent = new HashMap<>();
        for (RecordingSender.Sent message : sent) {
            String about = message.notice().event().volunteerId();
            assertTrue(ENTITLED.get(about).contains(message.address()),
                    "a message about " + about + " went to " + message.address());
            perEvent.merge(message.notice().event().id(), 1, Integer::sum);
        }
        assertEquals(events.size(), perEvent.size(), "every event told: " + perEvent);
        assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each once: " + perEvent);
    }

    private static Caller volunteer(String sub, String volunteerId) {
        return new Caller(sub, EnumSet.of(Role.VOLUNTEER), null, null, volunteerId);
    }
}
