package diandan.port.retention;

import java.time.Instant;
import java.util.List;

import diandan.port.Page;

/**
 * The index of closed and cancelled requests that still hold their resident's contact data, by when they ended
 * ({@link diandan.domain.ServiceRequest#contactKeptSince}). A request enters it with the write that closes or
 * cancels it and leaves it with the write that erases its contact data, so reading those ended before a moment
 * costs what is due, not what is stored. Entries may lag behind the requests (an index is eventually
 * consistent): the request itself is the truth.
 */
public interface KeptContacts {
    /** One request keeping contact data: when it ended, and which. Entries order by (ended, requestId). */
    record Entry(Instant ended, String requestId) {
    }

    /** A batch of entries; {@code more} when further entries may follow up to the bound. */
    record Batch(List<Entry> entries, boolean more) {
    }

    /** Entries of requests that ended no later than {@code upTo}, after {@code after} (null: from the first), oldest first. */
    Batch endedBy(Instant upTo, Entry after, int limit);

    /**
     * Closed or cancelled requests of a district that hold contact data and are not in the index: requests that
     * ended before the index existed. Ids from an index copy, to read again before anything is decided.
     */
    Page<String> notIndexed(String districtId, int limit, String cursor);
}
