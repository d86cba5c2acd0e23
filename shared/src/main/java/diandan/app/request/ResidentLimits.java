package diandan.app.request;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import diandan.app.Together;
import diandan.domain.Channel;
import diandan.domain.HeldSlots;
import diandan.domain.Problem;
import diandan.domain.ServiceRequest;
import diandan.domain.SubmissionLimits;
import diandan.port.request.RequestRepository;
import diandan.port.request.ResidentSlotRepository;

/**
 * Holds every resident to the {@link SubmissionLimits} under any concurrency. Counting the resident's requests
 * and then writing one cannot: parallel submissions all count the same and all pass (and an index may lag the
 * table). Instead a submission takes its slots (one open, one of the hour) in the resident's own slot record,
 * by a write conditional on the version it read, before its request is written; of parallel submissions one
 * write wins each round and the others read again, so the limits hold exactly. A submission first tries without
 * reading ({@link #attempt}, together with its other reads): one write conditional on the stored slots' counts,
 * never below the true ones, which is as exact under races; only when that is refused does it read and decide.
 * A retry of the same submission (same request id, from the same Idempotency-Key) finds its slots taken and
 * takes none again. The open slot is given back when the request leaves the open states
 * ({@link RequestChanges}: cancel, resolve).
 *
 * <p>Self-healing: a slot can outlive its reason when a call stops between taking it and writing its request
 * (and the client never retries), or between moving the request out of the open states and giving the slot
 * back. Such slots are found when they matter, when a submission would be refused: every slot taken longer ago
 * than any call can still be running ({@link #SETTLED_AFTER}) is checked against its request, read
 * consistently from the table; a request that was never written gives back both its slots, one no longer open
 * its open slot. A fresher slot is never touched: its submission may still be writing its request.
 */
public final class ResidentLimits {
    /** Far longer than a submission's call can run (the function's timeout is seconds). */
    static final Duration SETTLED_AFTER = Duration.ofMinutes(15);
    /**
     * Rounds of read and conditional write before giving up; each lost round means another submission of the
     * same resident won one, so only a flood of parallel submissions gets this far.
     */
    static final int ATTEMPTS = 50;

    private final SubmissionLimits limits;
    private final ResidentSlotRepository slots;
    private final RequestRepository requests;

    public ResidentLimits(SubmissionLimits limits, ResidentSlotRepository slots, RequestRepository requests) {
        this.limits = limits;
        this.slots = slots;
        this.requests = requests;
    }

    /**
     * A first attempt at a submission's slots, made together with its other reads: the slots taken without reading
     * them when they plainly allow it ({@link ResidentSlotRepository#takeUnread}, or
     * {@link ResidentSlotRepository#takeFirst} for a resident who holds none), and the slots read at the same time,
     * on which {@link #take(String, Channel, String, Instant, Attempt)} decides when they were not.
     *
     * @param taken     whether this attempt took the slots (by one of its two writes: the other is refused)
     * @param readAhead the slots as read beside the writes; null when no limit applies
     */
    public record Attempt(boolean taken, HeldSlots readAhead) {
        /** Nothing taken, nothing read: for a channel no limit applies to, or a take that reads first. */
        static final Attempt NONE = new Attempt(false, null);
    }

    /**
     * Takes the slots of request {@code requestId}, submitted by {@code submitter} through {@code channel}, before
     * the request is written.
     *
     * @throws Problem 429 when a limit is reached
     */
    public void take(String submitter, Channel channel, String requestId, Instant now) {
        take(submitter, channel, requestId, now, Attempt.NONE);
    }

    /** The {@link Attempt} at request {@code requestId}'s slots, its writes and its read made together. */
    public Attempt attempt(String submitter, Channel channel, String requestId, Instant now) {
        if (!SubmissionLimits.appliesTo(channel)) {
            return Attempt.NONE;
        }
        Together.Three<HeldSlots, Boolean, Boolean> made = Together.get(() -> slots.held(submitter),
                () -> slots.takeFirst(submitter, requestId, now),
                () -> slots.takeUnread(submitter, requestId, now, limits.maxOpenPerResident(), limits.maxPerHour()));
        return new Attempt(made.second() || made.third(), made.first());
    }

    /**
     * As {@link #take(String, Channel, String, Instant)}, after its {@link #attempt}: nothing more when that took
     * the slots, else its first round on the slots it read.
     */
    public void take(String submitter, Channel channel, String requestId, Instant now, Attempt first) {
        if (!SubmissionLimits.appliesTo(channel) || first.taken()) {
            return;
        }
        for (int round = 0; round < ATTEMPTS; round++) {
            HeldSlots held = round == 0 && first.readAhead() != null ? first.readAhead() : slots.held(submitter);
            if (held.holds(requestId)) {
                return;
            }
            HeldSlots next;
            try {
                next = limits.take(held, requestId, now);
            } catch (Problem full) {
                HeldSlots healed = heal(held, now);
                if (healed.equals(held)) {
                    throw full;
                }
                slots.replace(submitter, held, healed);
                continue; // read again: the healed slots, or whatever came first
            }
            if (slots.replace(submitter, held, next)) {
                return;
            }
        }
        throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "too many submissions at the same time; try again later");
    }

    /**
     * Gives back what an {@link #attempt} took for a submission that turned out to be a retry of one already
     * stored: the stored one was counted when it was submitted. (An attempt takes nothing while that one's slots
     * are held; it can only take again once its hour has passed and its request has closed.)
     */
    public void withdraw(String submitter, String requestId, Instant now, Attempt attempt) {
        if (attempt.taken()) {
            slots.withdraw(submitter, requestId, now);
        }
    }

    /** Gives back the open slot of a request that has left the open states; idempotent. */
    public void release(ServiceRequest request) {
        if (SubmissionLimits.appliesTo(request.channel())) {
            slots.release(request.submittedBy(), request.id());
        }
    }

    /** The slots without those whose request was never written or is no longer open (see the class comment). */
    private HeldSlots heal(HeldSlots held, Instant now) {
        Instant settled = now.minus(SETTLED_AFTER);
        Set<String> suspects = new HashSet<>();
        for (Map<String, Instant> taken : List.of(held.open(), held.lastHour())) {
            taken.forEach((id, at) -> {
                if (at.isBefore(settled)) {
                    suspects.add(id);
                }
            });
        }
        Set<String> notOpen = new HashSet<>();
        Set<String> neverWritten = new HashSet<>();
        for (String id : suspects) {
            Optional<ServiceRequest> request = requests.find(id);
            if (request.isEmpty()) {
                neverWritten.add(id);
                notOpen.add(id);
            } else if (!request.get().status().isOpen()) {
                notOpen.add(id);
            }
        }
        return held.without(notOpen, neverWritten);
    }
}
