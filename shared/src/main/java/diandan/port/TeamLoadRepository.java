package diandan.port;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import diandan.domain.TeamLoad;

/**
 * Teams' loads, kept exact without transactions. For each team the store keeps, per request, the latest
 * request version it has heard of and whether that version counts against the team. Recording is idempotent
 * and order-independent: a repeated or late record of an older version changes nothing.
 */
public interface TeamLoadRepository {
    /** The loads of these teams, read consistently; a team never dispatched to has an idle load. */
    Map<String, TeamLoad> loads(Collection<String> teamIds);

    TeamLoad load(String teamId);

    /**
     * Records that version {@code version} of request {@code requestId} does ({@code counted}) or does not count
     * against team {@code teamId}.
     *
     * @param dispatchedAt when this version newly dispatched the request to the team, else null
     * @param at now: when the record is made
     */
    void record(String teamId, String requestId, long version, boolean counted, Instant dispatchedAt, Instant at);
}
