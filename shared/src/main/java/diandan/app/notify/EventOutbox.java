package diandan.app.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import diandan.domain.Ids;
import diandan.domain.ServiceRequest;
import diandan.domain.TimelineEntry;
import diandan.domain.hours.Dispute;
import diandan.domain.hours.HoursRecord;
import diandan.domain.notify.DomainEvent;
import diandan.domain.notify.EventType;
import diandan.domain.notify.RequestEvents;
import diandan.port.request.RequestRepository;
import diandan.port.StorageUnavailableException;
import diandan.port.hours.HoursRepository;
import diandan.port.notify.EventPublisher;
import diandan.port.notify.OutboxNotes;

/**
 * Gets the events of every request write onto the bus at least once, without transactions: a write's events
 * are noted ({@link #hold}) before the write, published from memory and taken out once it is made
 * ({@link #release}), and taken out unpublished when it lost a race ({@link #abandon}). A call that stops in
 * between leaves its note; {@link #drain}, on the schedule, publishes a left note's events if the request holds
 * the timeline entry that write added (a timeline entry, once stored, never changes), and drops it otherwise.
 * Consumers drop repeats by event id.
 *
 * <p>Hours records are noted the same way ({@link #holdCertified}, {@link #holdDisputed}): what identifies their
 * change is the certification's time and certifier, or the dispute's place, time and author, which the record
 * keeps once (and only if) the change was made.
 *
 * <p>Without a bus nothing is noted: the stack runs as before, with no one to tell.
 */
public final class EventOutbox {
    /** Notes handled per drain; more wait for the next. */
    public static final int BATCH = 100;
    /** A call ends within seconds (the function's timeout): a note older than this is left over. */
    static final Duration CALL_ENDED = Duration.ofMinutes(1);

    /** A write's events, noted under {@code key}. */
    public record Held(String key, List<DomainEvent> events) {
        private static final Held NOTHING = new Held(null, List.of());
    }

    /** @param failure why publishing stopped early, or null */
    public record Result(int published, int dropped, RuntimeException failure) {
    }

    /** No bus: holds nothing, publishes nothing. */
    public static final EventOutbox NONE = new EventOutbox(null, null, null, null, null);

    /** The place a note gives a certification: a record is certified once, so there is one. */
    private static final int CERTIFICATION = -1;

    private final OutboxNotes notes;
    private final EventPublisher publisher;
    private final RequestRepository requests;
    private final HoursRepository hours;
    private final Clock clock;

    public EventOutbox(OutboxNotes notes, EventPublisher publisher, RequestRepository requests, HoursRepository hours,
                       Clock clock) {
        this.notes = notes;
        this.publisher = publisher;
        this.requests = requests;
        this.hours = hours;
        this.clock = clock;
    }

    /**
     * Notes the events that writing {@code after} over {@code before} (null for a new request) announces; call
     * before the write.
     */
    public Held hold(ServiceRequest before, ServiceRequest after) {
        if (publisher == null) {
            return Held.NOTHING;
        }
        List<DomainEvent> events = RequestEvents.between(before, after);
        if (events.isEmpty()) {
            return Held.NOTHING;
        }
        int first = before == null ? 0 : before.timeline().size();
        TimelineEntry entry = after.timeline().get(first);
        return note(after.id(), first, new OutboxNotes.FirstEntry(entry.at(), entry.type(), entry.actor()), events);
    }

    /**
     * Notes that {@code by} certifies the pending {@code record} at {@code at}; call before the write, with the
     * same time and certifier. The event's id is the record's and the change's: a record is certified once.
     */
    public Held holdCertified(HoursRecord record, String by, Instant at) {
        if (publisher == null) {
            return Held.NOTHING;
        }
        return note(record.id(), CERTIFICATION, new OutboxNotes.FirstEntry(at, "certified", by),
                List.of(hoursEvent(EventType.HOURS_CERTIFIED, record, "certified", at)));
    }

    /** Notes that {@code dispute} is added to {@code record} as read (its next dispute); call before the write. */
    public Held holdDisputed(HoursRecord record, Dispute dispute) {
        if (publisher == null) {
            return Held.NOTHING;
        }
        int place = record.disputes().size();
        return note(record.id(), place, new OutboxNotes.FirstEntry(dispute.at(), "disputed", dispute.by()),
                List.of(hoursEvent(EventType.HOURS_DISPUTED, record, "disputed." + place, dispute.at())));
    }

    private static DomainEvent hoursEvent(EventType type, HoursRecord record, String change, Instant at) {
        return new DomainEvent(record.id() + "." + change, type, null, record.teamId(), 0, at, record.id());
    }

    private Held note(String subjectId, int place, OutboxNotes.FirstEntry mark, List<DomainEvent> events) {
        Instant now = clock.instant();
        String key = Ids.newId("o", now);
        notes.put(new OutboxNotes.Note(key, subjectId, place, mark, events, now));
        return new Held(key, events);
    }

    /**
     * The write was made: its events go out now. A bus that fails leaves the note for the schedule: the write
     * stands, and the caller is not told of a failure it cannot act on.
     */
    public void release(Held held) {
        if (held.key() == null) {
            return;
        }
        try {
            publisher.publish(held.events());
        } catch (RuntimeException busFailed) {
            return; // the note stays: the next drain publishes them
        }
        try {
            notes.remove(held.key());
        } catch (StorageUnavailableException leftForTheDrain) {
            // the write stands and its events are out: the drain publishes them once more, consumers drop repeats
        }
    }

    /**
     * Publishes events that need no note, because what they announce stays where a rerun finds it again (the
     * rollup's star levels, from a batch not marked done until they are out). A bus that fails is thrown: the
     * caller must not mark its work done.
     */
    public void announce(List<DomainEvent> events) {
        if (publisher != null && !events.isEmpty()) {
            publisher.publish(events);
        }
    }

    /** The write was not made (another one came first): its events never happened. */
    public void abandon(Held held) {
        if (held.key() != null) {
            notes.remove(held.key());
        }
    }

    /**
     * Publishes the events of the notes whose call has ended and whose write was made, oldest first; drops the
     * notes of writes never made. Run on the schedule.
     */
    public Result drain() {
        if (publisher == null) {
            return new Result(0, 0, null);
        }
        Instant ended = clock.instant().minus(CALL_ENDED);
        int published = 0;
        int dropped = 0;
        for (OutboxNotes.Note note : notes.waiting(BATCH)) {
            if (!note.at().isBefore(ended)) {
                break; // oldest first: this call and all later ones may still be publishing
            }
            if (wasWritten(note)) {
                try {
                    publisher.publish(note.events());
                } catch (RuntimeException busFailed) {
                    return new Result(published, dropped, busFailed);
                }
                published += note.events().size();
            } else {
                dropped++;
            }
            notes.remove(note.key());
        }
        return new Result(published, dropped, null);
    }

    private boolean wasWritten(OutboxNotes.Note note) {
        if (note.events().get(0).type().aboutHours()) {
            return hours.find(note.subjectId()).filter(record -> holds(record, note)).isPresent();
        }
        Optional<ServiceRequest> stored = requests.find(note.subjectId());
        if (stored.isEmpty() || stored.get().timeline().size() <= note.firstIndex()) {
            return false;
        }
        TimelineEntry entry = stored.get().timeline().get(note.firstIndex());
        return new OutboxNotes.FirstEntry(entry.at(), entry.type(), entry.actor()).equals(note.firstEntry());
    }

    /** Whether the record shows the noted change: its certification, or the dispute at the noted place. */
    private static boolean holds(HoursRecord record, OutboxNotes.Note note) {
        OutboxNotes.FirstEntry mark = note.firstEntry();
        if (note.firstIndex() == CERTIFICATION) {
            return mark.at().equals(record.certifiedAt()) && mark.actor().equals(record.certifiedBy());
        }
        if (record.disputes().size() <= note.firstIndex()) {
            return false;
        }
        Dispute dispute = record.disputes().get(note.firstIndex());
        return mark.at().equals(dispute.at()) && mark.actor().equals(dispute.by());
    }
}
