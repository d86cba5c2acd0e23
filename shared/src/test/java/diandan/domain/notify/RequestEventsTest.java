package diandan.domain.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import diandan.domain.AreaPath;
import diandan.domain.Channel;
import diandan.domain.SlaClock;
import diandan.domain.Clocks;
import diandan.domain.Contact;
import diandan.domain.RequestLifecycle;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.domain.Sla;
import diandan.domain.TimelineEntry;

/** Which events a write announces, and which team each concerns, from the two versions alone. */
class RequestEventsTest {
    static final Instant SUBMITTED = Instant.parse("2026-11-28T09:30:00Z");

    static ServiceRequest submitted() {
        return new ServiceRequest("r1", RequestStatus.UNROUTED, "legal", "help", Channel.APP,
                new AreaPath("xinbei", "weiyang", "weicheng"), new Contact("张桂兰", "13812345678", "新北社区3号楼"),
                null, "resident-1", "resident-1", null, List.of(), Sla.startingAt(SUBMITTED, Clocks.DESK_PROMISE, Optional.empty()),
                List.of(new TimelineEntry(SUBMITTED, "submitted", "resident-1", null)), null, SUBMITTED, SUBMITTED,
                1, null);
    }

    static ServiceRequest dispatched() {
        return RequestLifecycle.dispatch(submitted(), "team-a", TimelineEntry.SYSTEM, "near", SUBMITTED);
    }

    @Test
    void aNewRequestAnnouncesItsDispatchNotItsSubmission() {
        assertEquals(List.of(new DomainEvent("r1.1", EventType.DISPATCHED, "r1", "team-a", 0, SUBMITTED)),
                RequestEvents.between(null, dispatched()));
    }

    @Test
    void aDeclineAndTheReRoutingInOneWriteNameTheTeamLeftAndTheTeamReached() {
        ServiceRequest before = dispatched();
        Instant at = SUBMITTED.plusSeconds(120);
        ServiceRequest after = RequestLifecycle.dispatch(RequestLifecycle.decline(before, "leader-a", "busy", at),
                "team-b", TimelineEntry.SYSTEM, "next", at);
        assertEquals(List.of(new DomainEvent("r1.2", EventType.DECLINED, "r1", "team-a", 0, at),
                        new DomainEvent("r1.3", EventType.DISPATCHED, "r1", "team-b", 0, at)),
                RequestEvents.between(before, after));
    }

    @Test
    void aMissedRespondClockIsALevelOneEscalationAboutTheSilentTeam() {
        ServiceRequest before = dispatched();
        Instant at = SUBMITTED.plus(Duration.ofMinutes(16));
        ServiceRequest after = RequestLifecycle.escalate(before, SlaClock.RESPOND, null, at);
        assertEquals(List.of(new DomainEvent("r1.2", EventType.ESCALATED, "r1", "team-a", 1, at)),
                RequestEvents.between(before, after));
    }

    @Test
    void aResolutionInvitesTheResidentToRate() {
        ServiceRequest accepted = RequestLifecycle.accept(dispatched(), "leader-a", SUBMITTED.plusSeconds(60));
        Instant at = SUBMITTED.plus(Duration.ofHours(3));
        ServiceRequest resolved = RequestLifecycle.resolve(accepted, "leader-a", "done", at);
        assertEquals(List.of(new DomainEvent("r1.3", EventType.RESOLVED, "r1", "team-a", 0, at),
                        new DomainEvent("r1.3.rating", EventType.RATING_INVITED, "r1", "team-a", 0, at)),
                RequestEvents.between(accepted, resolved));
    }
}
