package diandan.port.notify;

import java.time.Instant;
import java.util.List;

import diandan.domain.notify.DomainEvent;

/**
 * The events of request (and hours record) writes not yet known to be published: each is noted here before its write is made and
 * taken out once published, so that a call that stops in between leaves the note for the schedule.
 */
public interface OutboxNotes {
    /**
     * Events a write is about to make true.
     *
     * @param key        unique to the one write attempt: two racing writes of a request never share a note
     * @param subjectId  the request written, or the hours record for events {@code aboutHours}
     * @param firstEntry the timeline entry the write adds first, at {@code firstIndex}: the request holds it once
     *                   (and only if) that write was made. For an hours record: the certification's time and
     *                   certifier (place -1), or the dispute's time and author at its place among the disputes
     * @param at         when the note was written
     */
    record Note(String key, String subjectId, int firstIndex, FirstEntry firstEntry, List<DomainEvent> events,
                Instant at) {
    }

    /** What identifies a timeline entry: when, what, and who. */
    record FirstEntry(Instant at, String type, String actor) {
    }

    void put(Note note);

    /** Takes the note out; nothing when it is gone. */
    void remove(String key);

    /** Notes waiting, oldest first, at most {@code limit}, read consistently. */
    List<Note> waiting(int limit);
}
