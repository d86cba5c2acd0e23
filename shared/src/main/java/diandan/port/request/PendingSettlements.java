package diandan.port.request;

import java.time.Instant;
import java.util.List;

/**
 * New requests whose creation implies further writes (the team's load, the unrouted alert): each is noted here
 * before its request is written, and the schedule, once the call has ended, settles the request again and takes
 * the note out, so that a call that stops in between, or whose request write has an unknown outcome, is finished.
 */
public interface PendingSettlements {
    /** A note: which request, and when its call wrote the note. */
    record Note(String requestId, Instant at) {
    }

    void note(String requestId, Instant at);

    /** Takes the request's note out; nothing when there is none. */
    void done(String requestId);

    /**
     * Notes written before {@code before}, at most {@code limit}, read consistently: however many younger notes
     * there are, they hide none of these.
     */
    List<Note> waiting(Instant before, int limit);
}
