package diandan.domain;

import java.util.Optional;

/** Where a request is in its life. {@code replied} is an event, not a status. */
public enum RequestStatus {
    UNROUTED, OPEN_WISH, DISPATCHED, ACCEPTED, IN_SERVICE, RESOLVED, CLOSED, CANCELLED;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<RequestStatus> fromCode(String code) {
        return Codes.parse(RequestStatus.class, code);
    }

    /**
     * Still waiting for service: it may be cancelled, its clocks run (and escalate when missed), and it counts
     * against its resident's open requests.
     */
    public boolean isOpen() {
        return this == UNROUTED || this == OPEN_WISH || this == DISPATCHED || this == ACCEPTED || this == IN_SERVICE;
    }

    /** The team has served it (resolved, rated or not): the volunteers' hours for it may be recorded. */
    public boolean isServed() {
        return this == RESOLVED || this == CLOSED;
    }

    /** With a team that owes it service: it counts against that team's load (capacity). */
    public boolean isWithTeam() {
        return this == DISPATCHED || this == ACCEPTED || this == IN_SERVICE;
    }

    /** The team has accepted it: contact details are the team's to see. */
    public boolean isAcceptedByTeam() {
        return this == ACCEPTED || this == IN_SERVICE || this == RESOLVED || this == CLOSED;
    }
}
