package diandan.domain;


/**
 * The desk's three promises, each measured from submission, and the escalation level its miss raises.
 */
public enum SlaClock {
    /** Accepted by a team; a miss re-routes away from the silent team and alerts the community station. */
    RESPOND(1),
    /** A first reply to the resident; a miss alerts the street institute. */
    REPLY(2),
    /** Resolved; a miss alerts the district centre. */
    RESOLVE(3);

    public final int escalationLevel;

    SlaClock(int escalationLevel) {
        this.escalationLevel = escalationLevel;
    }

    public String code() {
        return Codes.of(this);
    }
}
