package diandan.port.request;

import java.time.Instant;

import diandan.domain.RequestStatus;

/**
 * A list of requests: one index partition (whose requests) narrowed by optional filters, newest first.
 *
 * @param scope which partition: a resident's, an area's, a team's, or a work queue
 * @param scopeId the resident's subject, the area or team id, or null for a queue
 * @param withinArea only requests whose community, street or district is this area, or null
 * @param from inclusive lower bound on submission time, or null
 * @param to exclusive upper bound on submission time, or null
 */
public record RequestQuery(Scope scope, String scopeId, RequestStatus status, String category, String communityId,
                           String teamId, String withinArea, Instant from, Instant to, int limit, String cursor) {
    public enum Scope { OWNER, COMMUNITY, STREET, DISTRICT, TEAM, UNROUTED_QUEUE, WISH_QUEUE }
}
