package diandan.escalation;

import static diandan.escalation.Fixtures.submitted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DuePartitions;
import diandan.adapter.dynamodb.Keys;
import diandan.adapter.dynamodb.RequestItems;
import diandan.app.escalation.Sweeper;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.Clocks;
import diandan.domain.Problem;
import diandan.domain.Rating;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.TimelineEntry;
import diandan.port.request.RequestRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A resolved request waits seven days for its rating: the tick at the end of that window closes it unrated,
 * once, however many ticks overlap; from then on (and from the end of the window on, before any tick) a
 * rating is refused; a rating in time closes it and takes it out of the sweep's deadlines.
 */
@ExtendWith(DynaliteExtension.class)
class ClosingTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");
    static final Instant RESOLVED_AT = Instant.parse("2026-11-28T11:00:00Z");
    static final Instant WINDOW_ENDS = RESOLVED_AT.plus(Duration.ofDays(7));
    static final Sweeper.Limits UNBOUNDED = new Sweeper.Limits(10_000, Duration.ofMinutes(5));

    /** A request served in time and resolved at {@link #RESOLVED_AT}, stored as the team's calls leave it. */
    static ServiceRequest resolved(RequestRepository requests, String id) {
        ServiceRequest dispatched = submitted(id, SUBMITTED, Clocks.DESK_PROMISE, "team-a");
        requests.create(dispatched);
        ServiceRequest accepted = RequestLifecycle.accept(dispatched, "leader-a", SUBMITTED.plusSeconds(60));
        requests.replace(dispatched, accepted);
        ServiceRequest replied = RequestLifecycle.reply(accepted, "leader-a", "this afternoon", null,
                SUBMITTED.plusSeconds(600));
        requests.replace(accepted, replied);
        ServiceRequest resolved = RequestLifecycle.resolve(replied, "leader-a", "done", RESOLVED_AT);
        requests.replace(replied, resolved);
        return resolved;
    }

    static Caller resident(String id) {
        return new Caller("resident-" + id, Set.of(Role.RESIDENT), null, null, null);
    }

    static Map<String, AttributeValue> item(LocalTable table, String id) {
        return table.client().getItem(b -> b.tableName(table.name()).key(RequestItems.key(id)).consistentRead(true))
                .item();
    }

    static long closedEntries(ServiceRequest request) {
        return request.timeline().stream().filter(e -> e.type().equals("closed")).count();
    }

    @Test
    void theTickAtTheEndOfTheWindowClosesItUnratedOnceAndNotAMinuteBefore(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        resolved(requests, "c1");
        assertEquals(DuePartitions.of(WINDOW_ENDS, "c1"), item(table, "c1").get(Keys.DUE_KEY).s(),
                "resolved: due in the index at the end of its rating window");
        Sweeper sweeper = Fixtures.sweeper(table, UNBOUNDED);
        assertTrue(sweeper.sweep(RESOLVED_AT.plusSeconds(60)).closed().isEmpty());

        Sweeper.Result aMinuteBefore = sweeper.sweep(WINDOW_ENDS.minus(Duration.ofMinutes(1)));
        assertTrue(aMinuteBefore.closed().isEmpty());
        ServiceRequest stillResolved = requests.find("c1").orElseThrow();
        assertEquals(RequestStatus.RESOLVED, stillResolved.status());
        assertEquals(RequestStatus.CLOSED, RequestLifecycle.rate(stillResolved, "resident-c1",
                new Rating(4, "resolved", null, WINDOW_ENDS.minus(Duration.ofMinutes(1)))).status(), "still ratable");

        Sweeper.Result atTheEnd = sweeper.sweep(WINDOW_ENDS);
        assertEquals(List.of("c1"), atTheEnd.closed());
        assertTrue(atTheEnd.escalations().isEmpty());
        ServiceRequest closed = requests.find("c1").orElseThrow();
        assertEquals(RequestStatus.CLOSED, closed.status());
        assertEquals(null, closed.rating());
        assertEquals(new TimelineEntry(WINDOW_ENDS, "closed", TimelineEntry.SYSTEM,
                "not rated within 7 days of its resolution"), closed.timeline().get(closed.timeline().size() - 1));
        assertEquals(Keys.CONTACT_KEPT, item(table, "c1").get(Keys.DUE_KEY).s(),
                "closed: out of the sweep's deadlines, waiting for the retention job (docs/retention.md)");

        assertTrue(sweeper.sweep(WINDOW_ENDS).closed().isEmpty(), "a duplicate delivery of the tick closes nothing");
        assertTrue(sweeper.sweep(WINDOW_ENDS.plus(Duration.ofHours(2))).closed().isEmpty());
        assertEquals(1, closedEntries(requests.find("c1").orElseThrow()));
        assertEquals(closed.version(), requests.find("c1").orElseThrow().version());

        Wiring later = new Wiring(table.client(), table.name(), new MutableClock(WINDOW_ENDS.plusSeconds(30)));
        Problem refused = assertThrows(Problem.class,
                () -> later.intake.rate(resident("c1"), "c1", null, 5, "resolved", null));
        assertEquals(Problem.Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().contains("within 7 days of its resolution"), refused.getMessage());
    }

    @Test
    void twoOverlappingTicksCloseItOnce(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        resolved(requests, "c2");
        Fixtures.sweeper(table, UNBOUNDED).sweep(WINDOW_ENDS.minus(Duration.ofMinutes(1)));

        Sweeper other = Fixtures.sweeper(table, UNBOUNDED);
        List<Sweeper.Result> otherResults = new ArrayList<>();
        // the other tick runs whole between this one's read of the request and its write
        RequestRepository overlapped = ForwardingRequests.beforeReplace(requests, (current, next) -> {
            if (otherResults.isEmpty()) {
                otherResults.add(other.sweep(WINDOW_ENDS.plusSeconds(1)));
            }
        });
        Sweeper.Result mine = Fixtures.sweeper(table, overlapped, Fixtures.NEXT_TEAM, UNBOUNDED, Fixtures.PRESENT)
                .sweep(WINDOW_ENDS);

        assertEquals(List.of("c2"), otherResults.get(0).closed());
        assertTrue(mine.closed().isEmpty(), "lost the conditional write, read again: closed already");
        assertTrue(mine.failures().isEmpty());
        ServiceRequest closed = requests.find("c2").orElseThrow();
        assertEquals(RequestStatus.CLOSED, closed.status());
        assertEquals(1, closedEntries(closed));
    }

    @Test
    void aRatingInTheWindowClosesItAndTakesItOutOfTheDueIndex(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        resolved(requests, "c3");
        Sweeper sweeper = Fixtures.sweeper(table, UNBOUNDED);
        sweeper.sweep(WINDOW_ENDS.minus(Duration.ofMinutes(2)));

        Wiring justInTime = new Wiring(table.client(), table.name(),
                new MutableClock(WINDOW_ENDS.minus(Duration.ofMinutes(1))));
        ServiceRequest rated = justInTime.intake.rate(resident("c3"), "c3", null, 5, "resolved", "thank you");
        assertEquals(RequestStatus.CLOSED, rated.status());
        assertEquals(5, rated.rating().score());
        assertEquals(Keys.CONTACT_KEPT, item(table, "c3").get(Keys.DUE_KEY).s(),
                "rated: no pending close, only the retention job's entry");

        Sweeper.Result atTheEnd = sweeper.sweep(WINDOW_ENDS);
        assertTrue(atTheEnd.closed().isEmpty());
        assertEquals(0, atTheEnd.requestsRead(), "nothing due: nothing read");
        assertEquals(rated, requests.find("c3").orElseThrow(), "the rating's close stands alone");
    }

    @Test
    void aRatingAfterTheWindowIsRefusedEvenBeforeAnyTickClosedIt(LocalTable engine) {
        LocalTable table = Fixtures.freshTable(engine);
        RequestRepository requests = Fixtures.requests(table);
        ServiceRequest resolved = resolved(requests, "c4");

        Wiring eightDaysLater = new Wiring(table.client(), table.name(),
                new MutableClock(RESOLVED_AT.plus(Duration.ofDays(8))));
        Problem late = assertThrows(Problem.class,
                () -> eightDaysLater.intake.rate(resident("c4"), "c4", null, 5, "resolved", null));
        assertEquals(Problem.Kind.CONFLICT, late.kind());
        assertEquals("request c4 can no longer be rated: a request is rated within 7 days of its resolution, and its"
                + " window ended at " + WINDOW_ENDS, late.getMessage());
        assertEquals(resolved, requests.find("c4").orElseThrow(), "nothing changed");
    }
}
