package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SlaTest {
    static final Instant T0 = Instant.parse("2026-11-28T09:30:00Z");
    static final Category LEGAL = Category.BUILT_IN.stream().filter(c -> c.code().equals("legal")).findFirst().orElseThrow();

    @Test
    void theDeskPromiseIsFifteenThirtyAndTwentyFour() {
        Sla sla = ClockPolicy.standard().start(T0, LEGAL, Channel.APP, Optional::empty);
        assertEquals(T0.plus(Duration.ofMinutes(15)), sla.respondBy());
        assertEquals(T0.plus(Duration.ofMinutes(30)), sla.replyBy());
        assertEquals(T0.plus(Duration.ofHours(24)), sla.resolveBy());
        assertEquals(Optional.of(sla.respondBy()), sla.nextDue());
    }

    @Test
    void channelOverridesWinOverTheCategory() {
        Sla wish = ClockPolicy.standard().start(T0, LEGAL, Channel.WISH_WALL, Optional::empty);
        assertEquals(T0.plus(Duration.ofDays(3)), wish.respondBy());
        Sla hotline = ClockPolicy.withChannelOverrides(Map.of(Channel.HOTLINE, new Clocks(5, 10, 60)))
                .start(T0, LEGAL, Channel.HOTLINE, Optional::empty);
        assertEquals(T0.plus(Duration.ofMinutes(5)), hotline.respondBy());
    }

    @Test
    void stoppedAndEscalatedClocksAreNoLongerDue() {
        Sla sla = ClockPolicy.standard().start(T0, LEGAL, Channel.APP, Optional::empty);
        Sla accepted = sla.stop(SlaClock.RESPOND, T0.plusSeconds(60));
        assertEquals(Optional.of(sla.replyBy()), accepted.nextDue());
        assertTrue(accepted.met(SlaClock.RESPOND));
        Sla escalated = accepted.markEscalated(SlaClock.REPLY);
        assertEquals(2, escalated.escalationLevel());
        assertFalse(escalated.isPending(SlaClock.REPLY));
        assertEquals(Optional.of(sla.resolveBy()), escalated.nextDue());
        Sla resolved = escalated.stop(SlaClock.RESOLVE, T0.plus(Duration.ofHours(25)));
        assertFalse(resolved.met(SlaClock.RESOLVE));
        assertEquals(Optional.empty(), resolved.nextDue());
        assertEquals(T0.plusSeconds(60), resolved.stop(SlaClock.RESPOND, T0.plusSeconds(999)).respondedAt(), "a clock stops once");
    }

    @Test
    void clockMinutesAreBounded() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Clocks(0, 30, 60));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Clocks(15, 30, Clocks.MAX_MINUTES + 1));
    }
}
