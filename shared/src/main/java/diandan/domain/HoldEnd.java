package diandan.domain;

/** Who or what ended a hold. */
public enum HoldEnd {
    /** The serving team resumed. */
    TEAM,
    /** The resident answered. */
    RESIDENT,
    /** A dispatcher of the request's area (or an admin) ended it. */
    DISPATCHER,
    /** Its own limit expired (the sweeper resumed it). */
    LIMIT,
    /** The request was resolved or cancelled while on hold. */
    REQUEST_ENDED;

    public String code() {
        return Codes.of(this);
    }
}
