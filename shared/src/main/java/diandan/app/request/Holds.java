package diandan.app.request;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.HoldReason;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.Validation;
import diandan.domain.calendar.ServiceCalendar;

/**
 * Holds: the serving team pauses a request's reply and resolve clocks while it waits on the resident; the team,
 * the resident or a dispatcher ends the hold (the sweeper ends it at its limit), and the clocks run on with
 * their deadlines moved by the business time it lasted.
 */
public final class Holds {
    private final RequestChanges changes;
    private final Function<String, Optional<ServiceCalendar>> calendars;
    private final Clock clock;

    /** @param calendars the service calendar in force for a community, if any */
    public Holds(RequestChanges changes, Function<String, Optional<ServiceCalendar>> calendars, Clock clock) {
        this.changes = changes;
        this.calendars = calendars;
        this.clock = clock;
    }

    public ServiceRequest hold(Caller caller, String id, Long ifMatch, String reasonText) {
        Validation v = new Validation();
        String code = v.requiredText("reason", reasonText, 40);
        Optional<HoldReason> reason = Optional.ofNullable(code).flatMap(HoldReason::fromCode);
        if (code != null && reason.isEmpty()) {
            v.fail("reason", "must be one of resident_unreachable, awaiting_information, resident_later_date");
        }
        v.throwIfAny();
        return changes.change(id, ifMatch, request -> Access.requireTeamLeader(caller, request),
                request -> RequestLifecycle.hold(request, caller.sub(), reason.get(), clock.instant()));
    }

    public ServiceRequest resume(Caller caller, String id, Long ifMatch) {
        return changes.change(id, ifMatch, request -> Access.requireEndHold(caller, request),
                request -> RequestLifecycle.resume(request, caller.sub(), Access.requireEndHold(caller, request),
                        clock.instant(), calendars.apply(request.area().communityId())));
    }
}
