package diandan.domain.notify;

import java.util.Optional;

import diandan.domain.Codes;

/**
 * What happened to a request that someone must hear about, as it travels on the event bus (its code is the
 * event's detail type). Each comes from one timeline entry type, except the rating invitation, which a
 * resolution brings along, and the changes of an hours record, which are not requests.
 */
public enum EventType {
    DISPATCHED("dispatched", TeamSide.ARRIVED),
    CLAIMED("claimed", TeamSide.ARRIVED),
    ACCEPTED("accepted", TeamSide.ARRIVED),
    DECLINED("declined", TeamSide.LEFT),
    REPLIED("replied", TeamSide.ARRIVED),
    STARTED("started", TeamSide.ARRIVED),
    RESOLVED("resolved", TeamSide.ARRIVED),
    RATING_INVITED(null, TeamSide.ARRIVED),
    UNROUTED("unrouted", TeamSide.LEFT),
    WARNED("warned", TeamSide.ARRIVED),
    ESCALATED("escalated", TeamSide.LEFT),
    CANCELLED("cancelled", TeamSide.LEFT),
    CLOSED("closed", TeamSide.ARRIVED),
    /** An hours record was certified: the volunteer's hours count. */
    HOURS_CERTIFIED(null, TeamSide.ARRIVED),
    /** The volunteer disputed their hours record. */
    HOURS_DISPUTED(null, TeamSide.ARRIVED),
    /** A volunteer's all-time certified hours reached a star level's step (docs/hours.md, "Star levels"). */
    STAR_LEVEL_REACHED(null, TeamSide.ARRIVED);

    /**
     * Which team an event is about when one change moves the request: the one it went to (a dispatch), or the
     * one it left (a decline, or the escalation that leaves a silent team behind).
     */
    public enum TeamSide { ARRIVED, LEFT }

    private final String timelineType;
    public final TeamSide teamSide;

    EventType(String timelineType, TeamSide teamSide) {
        this.timelineType = timelineType;
        this.teamSide = teamSide;
    }

    /** Whether the event is of an hours record rather than of a request. */
    public boolean aboutHours() {
        return this == HOURS_CERTIFIED || this == HOURS_DISPUTED;
    }

    /** Whether the event is of a volunteer rather than of a request or an hours record. */
    public boolean aboutVolunteer() {
        return this == STAR_LEVEL_REACHED;
    }

    public String code() {
        return Codes.of(this);
    }

    /** The event a timeline entry of this type announces; none for entries nobody is told about. */
    public static Optional<EventType> ofTimeline(String timelineType) {
        for (EventType type : values()) {
            if (timelineType.equals(type.timelineType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<EventType> parse(String code) {
        return Codes.parse(EventType.class, code);
    }
}
