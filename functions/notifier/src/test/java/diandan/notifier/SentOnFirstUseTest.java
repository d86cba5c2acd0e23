package diandan.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import diandan.domain.notify.ChannelChoice;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.Notice;
import diandan.domain.notify.Recipient;

class SentOnFirstUseTest {
    private static final Notice NOTICE = new Notice(
            new DomainEvent("r1.2", EventType.ACCEPTED, "r1", "team-a", 0, Instant.parse("2026-03-02T02:00:00Z")),
            new Recipient(Recipient.Role.RESIDENT, null), MessageTemplate.ACCEPTED,
            Map.of("category", "便民维修", "ref", "ABCDEFGH"));
    private static final ChannelChoice.Route ROUTE = new ChannelChoice.Route(MessageChannel.SMS, "13900000001");

    /** Building a channel's client is left to its first message: a cold start that sends nothing never pays it. */
    @Test
    void theSenderIsMadeOnTheFirstMessageOnlyAndThenKept() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        SentOnFirstUse channel = new SentOnFirstUse(() -> {
            made.incrementAndGet();
            return (route, notice) -> "m" + sent.incrementAndGet();
        });
        assertEquals(0, made.get(), "nothing is made before a message is sent");

        assertEquals("m1", channel.send(ROUTE, NOTICE));
        assertEquals("m2", channel.send(ROUTE, NOTICE));
        assertEquals(1, made.get());
    }
}
