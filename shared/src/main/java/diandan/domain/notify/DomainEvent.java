package diandan.domain.notify;

import java.time.Instant;

/**
 * One thing someone must hear about, as it goes out on the event bus: ids and codes only, never a phone, name,
 * address or description. The id is derived from the request and the place of its timeline entry (or from the
 * hours record and its change), so that a republished event keeps its id and every consumer can drop the repeat.
 *
 * @param requestId the request it concerns; null for an event of an hours record
 * @param teamId the team it concerns (see {@link EventType.TeamSide}), null when none
 * @param level  the escalation level for an escalation, the level its clock would escalate to for a warning,
 *               else 0
 *               or the star level reached
 * @param recordId  the hours record it concerns ({@link EventType#aboutHours}), else null
 * @param volunteerId the volunteer it concerns ({@link EventType#aboutVolunteer}), else null
 */
public record DomainEvent(String id, EventType type, String requestId, String teamId, int level, Instant at,
                          String recordId, String volunteerId) {
    /** The request, the hours record or the volunteer it is of: whose deliveries are kept together. */
    public String subjectId() {
        return type.aboutVolunteer() ? volunteerId : type.aboutHours() ? recordId : requestId;
    }

    /** An event of a request or of an hours record. */
    public DomainEvent(String id, EventType type, String requestId, String teamId, int level, Instant at,
                       String recordId) {
        this(id, type, requestId, teamId, level, at, recordId, null);
    }

    /**
     * The volunteer's all-time certified hours reached {@code level}: its id is the volunteer's and the level's,
     * so that a level is told once however often the hours cross its step.
     */
    public static DomainEvent starLevelReached(String volunteerId, int level, Instant at) {
        return new DomainEvent("star." + volunteerId + "." + level, EventType.STAR_LEVEL_REACHED, null, null, level,
                at, null, volunteerId);
    }

    /** An event of a request. */
    public DomainEvent(String id, EventType type, String requestId, String teamId, int level, Instant at) {
        this(id, type, requestId, teamId, level, at, null);
    }
}
