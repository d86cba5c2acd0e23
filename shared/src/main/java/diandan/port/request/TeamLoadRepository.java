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
     * Every request this team's load has heard of, with the version it holds as a signed number ({@code +v}: version
     * v counts against the team; {@code -v}: it does not), read consistently.
     */
    Map<String, Long> entries(String teamId);

    /**
     * Records that version {@code version} of request {@code requestId} does or does not count against team
     * {@code teamId}, unless the team has heard of a newer version. It replaces a record of the same version: the
     * record is made beside the write of that version (or after it), and a record of the same version made beside a
     * write that did not land may answer otherwise; that write's call takes it back, or the next write of the
     * request, a repair or the reconciliation puts the stored version's answer over it.
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
     * <p>{@code version} is one the request has had (read from the store): its answer also replaces another answer
     * recorded for the same version, which a write that did not land left.
     *
     * @return whether it changed the team's record: false when the team had heard of a newer version, or counts
     *         the request as this version does
     */
    boolean repair(String teamId, String requestId, long version, Counting counting, Instant at);

    /**
     * Takes back a record of a version the request never reached (its write did not land): if the team still holds
     * exactly {@code recorded} (a signed version, as {@link #entries} gives it), it is replaced by the answer of
     * {@code version}, the one stored.
     *
     * @return whether it replaced it: false when the team holds anything else
     */
    boolean revoke(String teamId, String requestId, long recorded, long version, Counting counting, Instant at);
}
