package diandan.port.request;

import java.time.Instant;

import diandan.domain.HeldSlots;

/** The slots each resident's submissions hold against the submission limits: one record per resident. */
public interface ResidentSlotRepository {
    /** The resident's slots, read consistently; {@link HeldSlots#NONE} for a resident who never held one. */
    HeldSlots held(String resident);

    /**
     * Stores {@code next} if the stored slots are still at {@code previous}'s version.
     *
     * @return false when another change came first (nothing written)
     */
    boolean replace(String resident, HeldSlots previous, HeldSlots next);

    /**
     * Takes request {@code requestId}'s slots (one open, one of the hour) at {@code at} without reading first: one
     * write, conditional on the resident's stored slots holding fewer than {@code maxOpen} open and fewer than
     * {@code maxInHour} of the hour, and none for this request. The hour's count includes entries older than an
     * hour, which only a take that read them prunes: it is never below the true count, so the limits hold.
     *
     * @return false when the stored slots do not allow it, or the resident has none stored (nothing written)
     */
    boolean takeUnread(String resident, String requestId, Instant at, int maxOpen, int maxInHour);

    /**
     * Takes request {@code requestId}'s slots at {@code at} as the resident's first, without reading first: only
     * when the resident has no slots stored.
     *
     * @return false when the resident has slots stored (nothing written)
     */
    boolean takeFirst(String resident, String requestId, Instant at);

    /** Removes both slots of this request, if a take at {@code at} holds them (not an earlier take's). */
    void withdraw(String resident, String requestId, Instant at);

    /** Gives back the open slot of this request, if the resident holds one for it. */
    void release(String resident, String requestId);
}
