package diandan.app.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import diandan.domain.SlaClock;

/** How far a sweep runs behind the present, as the sweep-lag alarm reads it. */
class SweepLagTest {
    static final Instant TICK = Instant.parse("2026-11-28T09:31:00Z");

    static Sweeper.Result result(List<Sweeper.Escalation> escalations, boolean caughtUp, Instant watermark) {
        return new Sweeper.Result(TICK, escalations, List.of(), List.of(), List.of(), 0, 0, 0, 0, caughtUp, watermark);
    }

    @Test
    void aSweepThatCaughtUpIsBehindByItsOldestEscalatedDeadline() {
        Sweeper.Result swept = result(List.of(
                new Sweeper.Escalation("r2", SlaClock.REPLY, TICK.minusSeconds(20)),
                new Sweeper.Escalation("r1", SlaClock.RESPOND, TICK.minusSeconds(50))), true, Instant.parse("2026-11-28T09:00:00Z"));
        assertEquals(Duration.ofSeconds(52), swept.lag(TICK.plusSeconds(2)));
    }

    @Test
    void aSweepThatCaughtUpWithNothingOverdueIsBehindByItsTicksDelayOnly() {
        assertEquals(Duration.ofSeconds(3), result(List.of(), true, TICK).lag(TICK.plusSeconds(3)));
        assertEquals(Duration.ZERO, result(List.of(), true, TICK).lag(TICK.minusSeconds(5)), "a tick from the future");
    }

    @Test
    void aSweepThatRanOutOfBudgetIsAtLeastAsFarBehindAsItsWatermark() {
        Instant watermark = Instant.parse("2026-11-28T06:00:00Z");
        assertEquals(Duration.between(watermark, TICK), result(List.of(
                new Sweeper.Escalation("r1", SlaClock.RESOLVE, Instant.parse("2026-11-28T07:10:00Z"))), false, watermark)
                .lag(TICK));
        assertEquals(Duration.ofMinutes(10), result(List.of(), false, null).lag(TICK.plus(Duration.ofMinutes(10))),
                "no watermark yet: the tick's own delay");
    }
}
