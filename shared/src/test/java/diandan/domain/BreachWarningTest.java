package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;

/**
 * The warning rule on its own, at instants the test chooses: 80 % into each clock, once per clock, never for a
 * clock past its deadline, a stopped clock or one standing still under a hold.
 */
class BreachWarningTest {
    static final Instant SUBMITTED = HoldTest.SUBMITTED;

    @Test
    void eachClockIsDueAWarningAt80PercentOfItsTimeAndOnlyOnce() {
        ServiceRequest accepted = HoldTest.accepted(Clocks.DESK_PROMISE, Optional.empty());
        Instant replyWarning = SUBMITTED.plus(Duration.ofMinutes(24));
        assertEquals(replyWarning, BreachWarning.warnAt(accepted, SlaClock.REPLY));
        assertEquals(SUBMITTED.plus(Duration.ofMinutes(24 * 60 * 8 / 10)), BreachWarning.warnAt(accepted, SlaClock.RESOLVE));
        assertEquals(Optional.of(replyWarning), accepted.nextDue(), "the respond clock stopped: the reply warning is next");
        assertEquals(List.of(), BreachWarning.due(accepted, replyWarning.minusMillis(1)));
        assertEquals(List.of(SlaClock.REPLY), BreachWarning.due(accepted, replyWarning));

        ServiceRequest warned = BreachWarning.warn(accepted, SlaClock.REPLY, replyWarning);
        assertEquals(List.of(), BreachWarning.due(warned, replyWarning.plusSeconds(60)));
        assertEquals(Optional.of(accepted.sla().replyBy()), warned.nextDue(), "then its deadline");
        assertThrows(Problem.class, () -> BreachWarning.warn(warned, SlaClock.REPLY, replyWarning.plusSeconds(60)));
        assertEquals(List.of(), BreachWarning.due(accepted, accepted.sla().replyBy()),
                "at the deadline the clock escalates instead");
    }

    @Test
    void aHeldClockIsNotWarnedOfWhileItStandsStill() {
        ServiceRequest held = RequestLifecycle.hold(HoldTest.accepted(Clocks.DESK_PROMISE, Optional.empty()),
                "leader-a", HoldReason.AWAITING_INFORMATION, SUBMITTED.plus(Duration.ofMinutes(10)));
        assertTrue(BreachWarning.due(held, SUBMITTED.plus(Duration.ofMinutes(25))).isEmpty());
        assertTrue(BreachWarning.next(held).isEmpty());
    }

    @Test
    void aResumedClockIsWarnedOfInTheTimeItHasLeftNeverInThePast() {
        Instant heldAt = SUBMITTED.plus(Duration.ofMinutes(10));
        ServiceRequest held = RequestLifecycle.hold(HoldTest.accepted(Clocks.DESK_PROMISE, Optional.empty()),
                "leader-a", HoldReason.AWAITING_INFORMATION, heldAt);
        Instant limit = heldAt.plus(Hold.MAX_HELD);
        ServiceRequest resumed = RequestLifecycle.resume(held, TimelineEntry.SYSTEM, HoldEnd.LIMIT, limit,
                Optional.empty());
        Duration left = Duration.between(limit, resumed.sla().replyBy());
        assertEquals(limit.plusMillis(Math.round(left.toMillis() * Clocks.DEFAULT_WARN_AT_PERCENT / 100.0)),
                BreachWarning.warnAt(resumed, SlaClock.REPLY));
        assertTrue(resumed.nextDue().orElseThrow().isAfter(limit), "due after the resume, not in an hour swept");
    }

    @Test
    void aClockInServiceHoursWarnsAtItsShareOfBusinessTimeNotOfTheNightBetween() {
        Instant lateTuesday = HoldTest.beijing("2026-12-01T17:50");
        Clocks inServiceHours = new Clocks(15, 30, 24 * 60, new TimeBases(TimeBase.SERVICE_HOURS,
                TimeBase.SERVICE_HOURS, TimeBase.SERVICE_HOURS), Clocks.DEFAULT_WARN_AT_PERCENT);
        ServiceRequest request = submitted(lateTuesday, inServiceHours, HoldTest.WEEKDAYS);
        assertEquals(HoldTest.beijing("2026-12-02T08:35"), request.sla().respondBy(), "10 minutes on Tuesday, 5 on Wednesday");
        assertEquals(HoldTest.beijing("2026-12-02T08:32"), BreachWarning.warnAt(request, SlaClock.RESPOND),
                "12 business minutes: 10 on Tuesday evening, 2 at Wednesday's opening, not 80 % of the night");
        assertEquals(HoldTest.beijing("2026-12-02T08:44"), BreachWarning.warnAt(request, SlaClock.REPLY));
        assertEquals(HoldTest.beijing("2026-12-02T08:32"), request.nextDue().orElseThrow());
        assertEquals(List.of(), BreachWarning.due(request, HoldTest.beijing("2026-12-02T05:38")),
                "nothing at 80 % of the wall time");
    }

    @Test
    void aResumedClockInServiceHoursWarnsAtItsShareOfTheBusinessTimeLeft() {
        Clocks inServiceHours = new Clocks(15, 60, 24 * 60, new TimeBases(TimeBase.CONTINUOUS,
                TimeBase.SERVICE_HOURS, TimeBase.SERVICE_HOURS), Clocks.DEFAULT_WARN_AT_PERCENT);
        ServiceRequest accepted = HoldTest.accepted(inServiceHours, Optional.of(HoldTest.WEEKDAYS));
        ServiceRequest held = RequestLifecycle.hold(accepted, "leader-a", HoldReason.AWAITING_INFORMATION,
                SUBMITTED.plus(Duration.ofMinutes(10)));
        ServiceRequest resumed = RequestLifecycle.resume(held, "leader-a", HoldEnd.TEAM,
                HoldTest.beijing("2026-12-01T17:50"), Optional.of(HoldTest.WEEKDAYS));
        assertEquals(HoldTest.beijing("2026-12-02T09:10"), resumed.sla().replyBy(),
                "50 business minutes were left: 10 on Tuesday, 40 on Wednesday");
        assertEquals(HoldTest.beijing("2026-12-02T09:00"), BreachWarning.warnAt(resumed, SlaClock.REPLY),
                "40 business minutes after the resume: 10 on Tuesday, 30 on Wednesday");
    }

    /** A request submitted at {@code at} with these clocks in this calendar, dispatched at once. */
    private static ServiceRequest submitted(Instant at, Clocks clocks, ServiceCalendar calendar) {
        ServiceRequest request = new ServiceRequest("r2", RequestStatus.UNROUTED, "legal", "help", Channel.APP,
                new AreaPath("xinbei", "weiyang", "weicheng"), new Contact("张桂兰", "13812345678", "新北社区3号楼"),
                null, "resident-1", "resident-1", null, List.of(), Sla.startingAt(at, clocks, Optional.of(calendar)),
                List.of(new TimelineEntry(at, "submitted", "resident-1", null)), null, at, at, 1, null);
        return RequestLifecycle.dispatch(request, "team-a", TimelineEntry.SYSTEM, "near", at);
    }

    @Test
    void aClocksWarningShareComesWithItsClocksAndTheRequestKeepsIt() {
        Clocks halfway = new Clocks(15, 30, 24 * 60, TimeBases.WALL_TIME, 50);
        ServiceRequest accepted = HoldTest.accepted(halfway, Optional.empty());
        assertEquals(50, accepted.sla().warnAtPercent());
        assertEquals(SUBMITTED.plus(Duration.ofMinutes(15)), BreachWarning.warnAt(accepted, SlaClock.REPLY));
        assertEquals(SUBMITTED.plus(Duration.ofHours(12)), BreachWarning.warnAt(accepted, SlaClock.RESOLVE));
        assertEquals(Clocks.DEFAULT_WARN_AT_PERCENT, HoldTest.accepted(Clocks.DESK_PROMISE, Optional.empty()).sla()
                .warnAtPercent(), "80 % unless the clocks say otherwise");
    }

    @Test
    void anAdminsShareIsAWholePercentFrom50To95And80WhenLeftOut() {
        Validation v = new Validation();
        assertEquals(80, Clocks.checked(v, "clocks", new Clocks.Form(15, 30, 1440, null, null, null, null))
                .warnAtPercent());
        assertEquals(95, Clocks.checked(v, "clocks", new Clocks.Form(15, 30, 1440, null, null, null, 95))
                .warnAtPercent());
        v.throwIfAny();
    }

    @ParameterizedTest
    @ValueSource(ints = {49, 96, 0, 100, -80})
    void aShareOutside50To95IsRefusedNamingTheField(int percent) {
        Validation v = new Validation();
        assertNull(Clocks.checked(v, "clocks", new Clocks.Form(15, 30, 1440, null, null, null, percent)));
        Problem refused = assertThrows(Problem.class, v::throwIfAny);
        assertEquals("clocks.warnAtPercent", refused.errors().get(0).field());
    }
}
