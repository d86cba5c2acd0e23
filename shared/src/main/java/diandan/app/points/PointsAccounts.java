package diandan.app.points;

import java.util.List;
import java.util.Optional;

import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.domain.points.LogEntry;
import diandan.port.Page;
import diandan.port.points.CountLog;
import diandan.port.registry.TeamRoster;

/**
 * Volunteers' points ledgers ({@code GET /volunteers/{id}/points}): each an {@link ExactCount} log whose newest
 * entry holds the balance, so the balance is the sum of the entries by construction.
 */
public final class PointsAccounts {
    private final ExactCount count;
    private final CountLog logs;
    private final TeamRoster roster;
    private final RegistryCache registry;

    public PointsAccounts(ExactCount count, CountLog logs, TeamRoster roster, RegistryCache registry) {
        this.count = count;
        this.logs = logs;
        this.roster = roster;
        this.registry = registry;
    }

    /** A volunteer's balance and ledger, newest first: the entries after the cursor's (a number) and the next one. */
    public record Statement(String volunteerId, long balance, Page<LogEntry> entries) {
    }

    static String log(String volunteerId) {
        return "PTS#" + volunteerId;
    }

    ExactCount count() {
        return count;
    }

    /** Points a deployment's first data (the local demo) starts a volunteer with: an entry of its own, once. */
    public void seed(String volunteerId, long points, String ref) {
        count.once(log(volunteerId), "seed#" + ref, e -> false,
                balance -> Optional.of(new ExactCount.Change("earned", points, 0, ref)));
    }

    public long balance(String volunteerId) {
        return count.total(log(volunteerId));
    }

    /** Whether the caller reads the volunteer's points: the volunteer themself and admins over one of their teams. */
    boolean readableBy(Caller caller, String volunteerId) {
        return Access.seesPoints(caller, volunteerId, roster.volunteer(volunteerId)
                .map(TeamRoster.Volunteer::teamIds).orElse(List.of()), registry.get());
    }

    /** The volunteer themself and admins over one of their teams (or the whole deployment); others: 404. */
    public Statement statement(Caller caller, String volunteerId, String cursor, String limitText) {
        if (!Ids.isWellFormed(volunteerId) || !readableBy(caller, volunteerId)) {
            throw Problem.notFound("volunteer " + volunteerId);
        }
        Validation v = new Validation();
        int limit = PageSize.of(v, limitText);
        v.throwIfAny();
        Long below = null;
        if (cursor != null) {
            if (!cursor.matches("[1-9][0-9]{0,17}")) {
                throw Problem.badCursor();
            }
            below = Long.parseLong(cursor);
        }
        List<LogEntry> entries = logs.newestFirst(log(volunteerId), below, limit);
        long balance = below == null && !entries.isEmpty() ? entries.get(0).total() : balance(volunteerId);
        String next = entries.size() == limit ? Long.toString(entries.get(entries.size() - 1).seq()) : null;
        return new Statement(volunteerId, balance, new Page<>(entries, next));
    }
}
