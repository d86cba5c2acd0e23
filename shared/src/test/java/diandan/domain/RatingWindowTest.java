package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A resolved request waits seven days for its rating, then closes unrated; a late rating is refused. */
class RatingWindowTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    static final Instant RESOLVED_AT = Instant.parse("2026-11-28T15:00:00Z");
    static final Instant WINDOW_ENDS = RESOLVED_AT.plus(Duration.ofDays(7));

    static ServiceRequest accepted() {
        ServiceRequest submitted = new ServiceRequest("r1", RequestStatus.UNROUTED, "legal", "help", Channel.APP,
                new AreaPath("xinbei", "weiyang", "weicheng"), new Contact("张桂兰", "13812345678", "新北社区3号楼"),
                null, "resident-1", "resident-1", null, List.of(),
                Sla.startingAt(SUBMITTED, Clocks.DESK_PROMISE, Optional.empty()),
                List.of(new TimelineEntry(SUBMITTED, "submitted", "resident-1", null)), null, SUBMITTED, SUBMITTED,
                1, null);
        ServiceRequest dispatched = RequestLifecycle.dispatch(submitted, "team-a", TimelineEntry.SYSTEM, "near",
                SUBMITTED);
        return RequestLifecycle.accept(dispatched, "leader-a", SUBMITTED.plusSeconds(60));
    }

    static ServiceRequest resolved() {
        return RequestLifecycle.resolve(accepted(), "leader-a", "done", RESOLVED_AT);
    }

    static Rating rating(Instant at) {
        return new Rating(5, "resolved", null, at);
    }

    @Test
    void aResolvedRequestIsDueToCloseSevenDaysAfterItsResolution() {
        assertEquals(Optional.of(WINDOW_ENDS), resolved().nextDue(), "the sweeper's next look: its closing");
    }

    @Test
    void aRatingInsideTheWindowClosesTheRequestAndNothingIsDueAnyMore() {
        ServiceRequest rated = RequestLifecycle.rate(resolved(), "resident-1", rating(WINDOW_ENDS.minusSeconds(60)));
        assertEquals(RequestStatus.CLOSED, rated.status());
        assertEquals(Optional.empty(), rated.nextDue());
    }

    @Test
    void aRatingSevenDaysAfterResolutionIsRefusedExplainingTheWindow() {
        Problem late = assertThrows(Problem.class,
                () -> RequestLifecycle.rate(resolved(), "resident-1", rating(WINDOW_ENDS)));
        assertEquals(Problem.Kind.CONFLICT, late.kind());
        assertTrue(late.getMessage().contains("within 7 days of its resolution"), late.getMessage());
        assertTrue(late.getMessage().contains(WINDOW_ENDS.toString()), late.getMessage());
    }

    @Test
    void aClosedRequestCannotBeRatedAndTheRefusalSaysWhy() {
        ServiceRequest closed = RequestLifecycle.close(resolved(), WINDOW_ENDS);
        Problem refused = assertThrows(Problem.class,
                () -> RequestLifecycle.rate(closed, "resident-1", rating(WINDOW_ENDS.minusSeconds(60))));
        assertEquals(Problem.Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().contains("within 7 days of its resolution"), refused.getMessage());
    }

    @Test
    void closingUnratedHappensAtTheEndOfTheWindowAndNeverBefore() {
        assertFalse(RequestLifecycle.isDueToClose(resolved(), WINDOW_ENDS.minusMillis(1)));
        assertThrows(Problem.class, () -> RequestLifecycle.close(resolved(), WINDOW_ENDS.minusMillis(1)));
        assertTrue(RequestLifecycle.isDueToClose(resolved(), WINDOW_ENDS));

        ServiceRequest closed = RequestLifecycle.close(resolved(), WINDOW_ENDS.plusSeconds(20));
        assertEquals(RequestStatus.CLOSED, closed.status());
        assertEquals(Optional.empty(), closed.nextDue());
        assertEquals(null, closed.rating());
        TimelineEntry last = closed.timeline().get(closed.timeline().size() - 1);
        assertEquals(new TimelineEntry(WINDOW_ENDS.plusSeconds(20), "closed", TimelineEntry.SYSTEM,
                "not rated within 7 days of its resolution"), last);
        assertFalse(RequestLifecycle.isDueToClose(closed, WINDOW_ENDS.plusSeconds(20)), "closed once");
    }

    @Test
    void onlyAResolvedRequestCloses() {
        Instant muchLater = WINDOW_ENDS.plus(Duration.ofDays(30));
        assertFalse(RequestLifecycle.isDueToClose(accepted(), muchLater));
        assertThrows(Problem.class, () -> RequestLifecycle.close(accepted(), muchLater));
        assertEquals(Optional.of(BreachWarning.warnAt(accepted(), SlaClock.REPLY)), accepted().nextDue(),
                "an open request: its clocks' next warning");
    }
}
