package diandan.port.request;

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

    /** Gives back the open slot of this request, if the resident holds one for it. */
    void release(String resident, String requestId);
}
