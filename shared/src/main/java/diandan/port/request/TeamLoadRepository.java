package diandan.port.request;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import diandan.domain.ServiceRequest;
import diandan.domain.TeamLoad;

/**
 * Teams' loads, kept exact without transactions. For each team the store keeps, per request, the latest
 * request version it has heard of and whether that version counts against the team. Recording is idempotent
 * and order-independent: a repeated or late record of an older version changes nothing.
 */
public interface TeamLoadRepository {
    /** Whether a version of a request counts against a team's load. */
    enum Counting {
        COUNTS, DOES_NOT_COUNT;

        /** How {@code version} stands with team {@code teamId}: it counts against its load team alone. */
        public static Counting of(ServiceRequest version, String teamId) {
            return version.loadTeam().filter(teamId::equals).isPresent() ? COUNTS : DOES_NOT_COUNT;
        }
    }

    /** The loads of these teams, read consistently; a team never dispatched to has an idle load. */
    Map<String, TeamLoad> loads(Collection<String> teamIds);

    TeamLoad load(String teamId);

    /** The ids of the requests this team's load counts now (its open count is their number), read consistently. */
    Set<String> counted(String teamId);

    /**
     * Records that version {@code version} of request {@code requestId} does or does not count against team
     * {@code teamId}.
     *
     * @param dispatchedAt when this version newly dispatched the request to the team, else null
     * @param at now: when the record is made
     */
    void record(String teamId, String requestId, long version, Counting counting, Instant dispatchedAt, Instant at);

    /**
     * Records as {@link #record} does, for a repair (a retried call finishing what its first attempt may have left
     * undone), but only where the team's count is wrong: it writes nothing when the team already counts the request
     * as this version does (from an older version that counted the same, which a change that moves no count does
     * not record again), and nothing for a version that does not count when the team holds nothing of the request:
     * it never counted there, or its tombstone was swept long ago, and a refused retry must not write it back.
     *
     * @return whether it changed the team's record: false when the team had heard of this version or a newer one,
     *         or counts the request as this version does
     */
    boolean repair(String teamId, String requestId, long version, Counting counting, Instant at);
}
