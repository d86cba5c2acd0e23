package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.ServiceSpan;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;

/**
 * Holds: the reply and resolve clocks stand still while the team waits on the resident, never the respond
 * clock; resuming moves their deadlines by the business time held; a hold cannot hide a breach.
 */
class HoldTest {
    static final Instant SUBMITTED = beijing("2026-12-01T09:00");
    static final ServiceCalendar WEEKDAYS = weekdays();

    static Instant beijing(String local) {
        return LocalDateTime.parse(local).atZone(ServiceCalendar.DEFAULT_ZONE).toInstant();
    }

    static ServiceCalendar weekdays() {
        Map<DayOfWeek, List<ServiceSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(ServiceSpan.parse("08:30-18:00")));
        }
        return new ServiceCalendar(ServiceCalendar.DEFAULT_ZONE, weekly, new TreeSet<>(), new TreeSet<>());
    }

    static ServiceRequest accepted(Clocks clocks, Optional<ServiceCalendar> calendar) {
        ServiceRequest submitted = new ServiceRequest("r1", RequestStatus.UNROUTED, "legal", "help", Channel.APP,
                new AreaPath("xinbei", "weiyang", "weicheng"), new Contact("张桂兰", "13812345678", "新北社区3号楼"),
                null, "resident-1", "resident-1", null, List.of(), Sla.startingAt(SUBMITTED, clocks, calendar),
                List.of(new TimelineEntry(SUBMITTED, "submitted", "resident-1", null)), null, SUBMITTED, SUBMITTED,
                1, null);
        ServiceRequest dispatched = RequestLifecycle.dispatch(submitted, "team-a", TimelineEntry.SYSTEM, "near", SUBMITTED);
        return RequestLifecycle.accept(dispatched, "leader-a", SUBMITTED.plusSeconds(60));
    }

    static ServiceRequest accepted() {
        return accepted(Clocks.DESK_PROMISE, Optional.empty());
    }

    @Test
    void aHeldRequestsReplyAndResolveClocksStandStillAndItsLimitIsDue() {
        Instant at = SUBMITTED.plus(Duration.ofMinutes(10));
        ServiceRequest held = RequestLifecycle.hold(accepted(), "leader-a", HoldReason.AWAITING_INFORMATION, at);
        Instant afterReplyDeadline = SUBMITTED.plus(Duration.ofHours(2));
        assertEquals(List.of(), RequestLifecycle.dueClocks(held, afterReplyDeadline));
        assertEquals(Optional.of(at.plus(Hold.MAX_HELD)), held.nextDue(), "the sweeper looks again at the hold's own limit");
        assertEquals("held", held.timeline().get(held.timeline().size() - 1).type());
        assertFalse(RequestLifecycle.isHoldExpired(held, at.plus(Hold.MAX_HELD).minusSeconds(1)));
        assertTrue(RequestLifecycle.isHoldExpired(held, at.plus(Hold.MAX_HELD)));
    }

    @Test
    void theRespondClockCannotBePausedARequestNotYetAcceptedCannotBeHeld() {
        ServiceRequest accepted = accepted();
        ServiceRequest dispatched = RequestLifecycle.dispatch(RequestLifecycle.decline(
                RequestLifecycle.dispatch(accepted, "team-b", "d", "x", SUBMITTED), "leader-b", "no", SUBMITTED),
                "team-c", "d", "x", SUBMITTED);
        assertThrows(Problem.class, () -> RequestLifecycle.hold(dispatched, "leader-c", HoldReason.RESIDENT_UNREACHABLE,
                SUBMITTED.plusSeconds(120)));
        assertFalse(Hold.pauses(SlaClock.RESPOND));
        assertTrue(Hold.pauses(SlaClock.REPLY) && Hold.pauses(SlaClock.RESOLVE));
    }

    @Test
    void resumingOnWallTimeMovesTheDeadlinesByTheTimeHeld() {
        ServiceRequest accepted = accepted();
        Instant from = SUBMITTED.plus(Duration.ofMinutes(10));
        ServiceRequest held = RequestLifecycle.hold(accepted, "leader-a", HoldReason.RESIDENT_UNREACHABLE, from);
        ServiceRequest resumed = RequestLifecycle.resume(held, "resident-1", HoldEnd.RESIDENT, from.plus(Duration.ofHours(2)),
                Optional.empty());
        assertEquals(accepted.sla().replyBy().plus(Duration.ofHours(2)), resumed.sla().replyBy());
        assertEquals(accepted.sla().resolveBy().plus(Duration.ofHours(2)), resumed.sla().resolveBy());
        assertEquals(accepted.sla().respondedAt(), resumed.sla().respondedAt());
        assertEquals(HoldEnd.RESIDENT, resumed.sla().holds().get(0).endedBy());
        assertEquals("resident; held 120 min", resumed.timeline().get(resumed.timeline().size() - 1).note());
    }

    @Test
    void resumingInServiceHoursMovesTheDeadlinesByTheBusinessTimeHeld() {
        Clocks inServiceHours = new Clocks(15, 30, 24 * 60, new TimeBases(TimeBase.CONTINUOUS, TimeBase.SERVICE_HOURS,
                TimeBase.SERVICE_HOURS));
        ServiceRequest accepted = RequestLifecycle.reply(accepted(inServiceHours, Optional.of(WEEKDAYS)), "leader-a",
                "we will come", null, SUBMITTED.plus(Duration.ofMinutes(20)));
        assertEquals(beijing("2026-12-03T14:00"), accepted.sla().resolveBy(), "24 business hours from Tuesday 09:00");
        Instant from = beijing("2026-12-01T17:00");
        ServiceRequest held = RequestLifecycle.hold(accepted, "leader-a", HoldReason.RESIDENT_LATER_DATE, from);
        ServiceRequest resumed = RequestLifecycle.resume(held, "leader-a", HoldEnd.TEAM, beijing("2026-12-02T09:30"),
                Optional.of(WEEKDAYS));
        assertEquals(beijing("2026-12-03T16:00"), resumed.sla().resolveBy(),
                "held 16 h 30 of wall time, of which 1 h on Tuesday and 1 h on Wednesday morning in service hours");
    }

    @Test
    void atMostTwoHoldsAndSeventyTwoHoursInAll() {
        ServiceRequest request = accepted();
        Instant t = SUBMITTED.plus(Duration.ofMinutes(10));
        for (int i = 0; i < Hold.MAX_HOLDS; i++) {
            request = RequestLifecycle.hold(request, "leader-a", HoldReason.AWAITING_INFORMATION, t);
            t = t.plus(Duration.ofMinutes(5));
            request = RequestLifecycle.resume(request, "leader-a", HoldEnd.TEAM, t, Optional.empty());
        }
        ServiceRequest twice = request;
        Instant third = t;
        assertEquals(409, assertThrows(Problem.class, () -> RequestLifecycle.hold(twice, "leader-a",
                HoldReason.AWAITING_INFORMATION, third)).kind().status);

        ServiceRequest first = RequestLifecycle.hold(accepted(), "leader-a", HoldReason.RESIDENT_UNREACHABLE,
                SUBMITTED.plus(Duration.ofMinutes(10)));
        Instant limit = first.sla().openHold().orElseThrow().limit();
        ServiceRequest expired = RequestLifecycle.resume(first, TimelineEntry.SYSTEM, HoldEnd.LIMIT,
                limit.plus(Duration.ofHours(5)), Optional.empty());
        assertEquals(limit, expired.sla().holds().get(0).endedAt(), "a late sweep does not lengthen the hold");
        assertEquals(Hold.MAX_HELD, expired.sla().held(limit.plus(Duration.ofDays(3))));
        assertEquals(409, assertThrows(Problem.class, () -> RequestLifecycle.hold(expired, "leader-a",
                HoldReason.RESIDENT_UNREACHABLE, limit.plus(Duration.ofHours(6)))).kind().status, "72 h used up");
    }

    @Test
    void aHoldCannotHideABreachNorLastTwice() {
        ServiceRequest accepted = accepted();
        assertEquals(409, assertThrows(Problem.class, () -> RequestLifecycle.hold(accepted, "leader-a",
                HoldReason.AWAITING_INFORMATION, accepted.sla().replyBy())).kind().status, "the reply deadline has passed");
        ServiceRequest held = RequestLifecycle.hold(accepted, "leader-a", HoldReason.AWAITING_INFORMATION,
                SUBMITTED.plusSeconds(120));
        assertEquals(409, assertThrows(Problem.class, () -> RequestLifecycle.hold(held, "leader-a",
                HoldReason.AWAITING_INFORMATION, SUBMITTED.plusSeconds(180))).kind().status);
        assertEquals(409, assertThrows(Problem.class, () -> RequestLifecycle.resume(accepted, "leader-a", HoldEnd.TEAM,
                SUBMITTED.plusSeconds(180), Optional.empty())).kind().status, "nothing to resume");
    }

    @Test
    void resolvingOrCancellingAHeldRequestEndsTheHold() {
        ServiceRequest held = RequestLifecycle.hold(accepted(), "leader-a", HoldReason.AWAITING_INFORMATION,
                SUBMITTED.plusSeconds(120));
        Instant at = SUBMITTED.plus(Duration.ofHours(1));
        ServiceRequest resolved = RequestLifecycle.resolve(held, "leader-a", "done", at);
        assertEquals(HoldEnd.REQUEST_ENDED, resolved.sla().holds().get(0).endedBy());
        assertEquals(at, resolved.sla().holds().get(0).endedAt());
        ServiceRequest cancelled = RequestLifecycle.cancel(held, "resident-1", "no longer needed", at);
        assertEquals(Optional.empty(), cancelled.sla().openHold());
    }

    @Test
    void theSlaSummaryMeasuresEachClockInItsOwnTimeBaseAndShowsHeldTimeApart() {
        Clocks resolveInServiceHours = new Clocks(15, 30, 24 * 60, new TimeBases(TimeBase.CONTINUOUS,
                TimeBase.CONTINUOUS, TimeBase.SERVICE_HOURS));
        ServiceRequest accepted = RequestLifecycle.reply(accepted(resolveInServiceHours, Optional.of(WEEKDAYS)),
                "leader-a", "we will come", null, SUBMITTED.plus(Duration.ofMinutes(20)));
        ServiceRequest held = RequestLifecycle.hold(accepted, "leader-a", HoldReason.AWAITING_INFORMATION,
                beijing("2026-12-01T10:00"));
        ServiceRequest resumed = RequestLifecycle.resume(held, "resident-1", HoldEnd.RESIDENT,
                beijing("2026-12-01T12:00"), Optional.of(WEEKDAYS));
        ServiceRequest resolved = RequestLifecycle.resolve(resumed, "leader-a", "done", beijing("2026-12-02T09:30"));

        SlaSummary summary = new SlaSummary();
        summary.add(resolved, beijing("2026-12-03T00:00"), Optional.of(WEEKDAYS));
        assertEquals(1, summary.held());
        assertEquals(Duration.ofHours(2), summary.heldFor());
        assertEquals(20.0, summary.medianMinutes(SlaClock.REPLY).getAsDouble(), "wall time, before the hold");
        assertEquals((9 * 60 - 120 + 60) * 1.0, summary.medianMinutes(SlaClock.RESOLVE).getAsDouble(),
                "business minutes: 9 h on Tuesday less the 2 h held, 1 h on Wednesday; the night not counted");
        assertEquals(SlaOutcome.MET, SlaOutcome.of(resolved, SlaClock.RESOLVE, beijing("2026-12-03T00:00")));
    }
}
