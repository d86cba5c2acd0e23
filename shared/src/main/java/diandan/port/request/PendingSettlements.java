package diandan.port.request;

import java.time.Instant;
import java.util.List;

/**
 * New requests whose creation implies further writes (the team's load, the unrouted alert): each is noted here
 * before its request is written and taken out once those writes are done, so that a call that stops in
 * between, or whose request write has an unknown outcome, leaves a note for the schedule to finish.
 */
public interface PendingSettlements {
    /** A note: which request, and when its call wrote the note. */
    record Note(String requestId, Instant at) {
    }

    void note(String requestId, Instant at);

    /** Takes the request's note out; nothing when there is none. */
    void done(String requestId);

    /** Notes waiting, at most {@code limit}, read consistently. */
    List<Note> waiting(int limit);
}
