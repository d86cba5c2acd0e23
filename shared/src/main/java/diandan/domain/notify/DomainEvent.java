package diandan.domain.notify;

import java.time.Instant;

/**
 * One thing someone must hear about, as it goes out on the event bus: ids and codes only, never a phone, name,
 * address or description. The id is derived from the request and the place of its timeline entry, so that a
 * republished event keeps its id and every consumer can drop the repeat.
 *
 * @param teamId the team it concerns (see {@link EventType.TeamSide}), null when none
 * @param level  the escalation level for an escalation, the level its clock would escalate to for a warning,
 *               else 0
 */
public record DomainEvent(String id, EventType type, String requestId, String teamId, int level, Instant at) {
}
