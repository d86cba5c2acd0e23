package diandan.port.notify;

import java.time.Instant;
import java.util.List;

import diandan.domain.notify.Delivery;
import diandan.domain.notify.Notice;

/**
 * The deliveries, one per event per recipient: a run claims one before sending it, so that duplicated events,
 * retries and concurrent runs send each message once.
 */
public interface DeliveryLedger {
    /** A delivery waiting until its time. */
    record Held(Notice notice, Instant until) {
    }

    /**
     * Takes the delivery for this run: true if nobody has it, or its last attempt failed, or a run that claimed
     * it stopped without a word for longer than {@code staleBefore} allows; false, changing nothing, otherwise.
     */
    boolean claim(Notice notice, Instant now, Instant staleBefore);

    /** Records how the claimed delivery ended. */
    void finish(Delivery delivery);

    /** Keeps a claimed delivery until {@code until} (quiet hours); {@link #due} finds it then. */
    void hold(Notice notice, Instant until);

    /** Held deliveries due by {@code now}, earliest first, at most {@code limit}: read by due time, no scan. */
    List<Held> due(Instant now, int limit);

    /** Takes a held delivery for this run's release: false when another run took it. */
    boolean claimHeld(Held held, Instant now);

    /** Takes a held delivery out of the due list once it was tried. */
    void released(Held held);

    /** The request's deliveries, oldest first. */
    List<Delivery> ofRequest(String requestId);
}
