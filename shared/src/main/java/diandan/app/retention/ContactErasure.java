package diandan.app.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import diandan.domain.AreaType;
import diandan.domain.RequestLifecycle;
import diandan.domain.ServiceRequest;
import diandan.domain.TimelineEntry;
import diandan.domain.retention.ContactRetention;
import diandan.port.ConcurrentChangeException;
import diandan.port.Page;
import diandan.port.StorageUnavailableException;
import diandan.port.registry.RegistryRepository;
import diandan.port.retention.KeptContacts;
import diandan.port.request.RequestRepository;

/**
 * The retention job: erases the contact data of every request whose retention period has ended
 * ({@link ContactRetention}), reading only those due from the {@link KeptContacts} index, oldest first.
 *
 * <p>Each entry is checked on the request itself (the index may lag): a request erased already, or not due, is
 * left alone. The erasure is one write of the request, conditional on the version read, so a change made
 * meanwhile (another erasure, the resident's) makes it read again, and nothing it did not read is ever written
 * back: no late write can restore contact data, and none is lost. It writes the request alone: an ended request
 * counts against no team's load, owes no alert, holds no slot and announces nothing, so nothing else follows.
 * A fault leaves that request in the index, and the next run erases it.
 *
 * <p>Requests that ended before the index existed are brought into it once ({@link #indexEnded}), district by
 * district from the district index.
 */
public final class ContactErasure {
    /** How much one run may do before it leaves the rest to the next. */
    public record Limits(int maxRequests, Duration budget) {
        /** Well inside the function's 60 s timeout at tens of milliseconds a request. */
        public static final Limits STANDARD = new Limits(1_000, Duration.ofSeconds(40));
    }

    /**
     * What a run did.
     *
     * @param erased the requests whose contact data it erased
     * @param failed the requests it could not erase for a storage fault: the next run tries again
     * @param caughtUp whether every request due was handled
     */
    public record Result(List<String> erased, List<String> failed, int entriesRead, int requestsRead,
                         boolean caughtUp) {
    }

    /** What indexing the requests that ended before the index did: how many it read and indexed. */
    public record Indexed(int districts, int read, int indexed, boolean complete) {
    }

    /** Index entries fetched per query: small batches keep the reads close to the work done. */
    static final int PAGE = 100;
    /** District index items examined per query when indexing ended requests. */
    static final int INDEX_PAGE = 1_000;
    /** Attempts at one request that keeps changing under the run before leaving it to the next run. */
    static final int ATTEMPTS = 3;

    private final RequestRepository requests;
    private final KeptContacts kept;
    private final RegistryRepository registry;
    private final ContactRetention retention;
    private final Limits limits;
    private final Clock clock;

    public ContactErasure(RequestRepository requests, KeptContacts kept, RegistryRepository registry,
                          ContactRetention retention, Limits limits, Clock clock) {
        this.requests = requests;
        this.kept = kept;
        this.registry = registry;
        this.retention = retention;
        this.limits = limits;
        this.clock = clock;
    }

    public ContactRetention retention() {
        return retention;
    }

    /** Erases what is due now. */
    public Result eraseDue() {
        Instant now = clock.instant();
        Instant stopAt = now.plus(limits.budget());
        Instant upTo = retention.endedBy(now);
        String note = retention.period().toDays() + " days after it ended";
        List<String> erased = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int entriesRead = 0;
        int requestsRead = 0;
        KeptContacts.Entry after = null;
        while (true) {
            KeptContacts.Batch batch = kept.endedBy(upTo, after, PAGE);
            for (KeptContacts.Entry entry : batch.entries()) {
                if (erased.size() + failed.size() >= limits.maxRequests() || !clock.instant().isBefore(stopAt)) {
                    return new Result(erased, failed, entriesRead, requestsRead, false);
                }
                entriesRead++;
                try {
                    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                        Optional<ServiceRequest> stored = requests.find(entry.requestId());
                        requestsRead++;
                        if (stored.isEmpty() || !retention.isDue(stored.get(), now)) {
                            break; // a lagging index entry: erased already
                        }
                        if (erase(stored.get(), note, now)) {
                            erased.add(entry.requestId());
                            break;
                        }
                    }
                } catch (StorageUnavailableException fault) {
                    failed.add(entry.requestId()); // still in the index: the next run erases it
                }
                after = entry;
            }
            if (!batch.more()) {
                return new Result(erased, failed, entriesRead, requestsRead, failed.isEmpty());
            }
        }
    }

    /** @return false when the request changed since it was read: read it again */
    private boolean erase(ServiceRequest stored, String note, Instant now) {
        try {
            requests.replace(stored, RequestLifecycle.eraseContact(stored, TimelineEntry.SYSTEM, note, now));
            return true;
        } catch (ConcurrentChangeException changed) {
            return false;
        }
    }

    /**
     * Puts every closed or cancelled request that holds contact data and is missing from the index into it (a
     * request that ended before the index existed), by writing it again as it is: the write adds its index
     * entry, conditional on the version read. Reads each district's requests from the district index once:
     * a one-off, run by hand; run again it reads the rest (those indexed are filtered out).
     */
    public Indexed indexEnded() {
        Instant stopAt = clock.instant().plus(limits.budget());
        int districts = 0;
        int read = 0;
        int indexed = 0;
        for (var area : registry.contents().areas()) {
            if (area.type() != AreaType.DISTRICT) {
                continue;
            }
            districts++;
            String cursor = null;
            do {
                if (!clock.instant().isBefore(stopAt)) {
                    return new Indexed(districts, read, indexed, false);
                }
                Page<String> page = kept.notIndexed(area.id(), INDEX_PAGE, cursor);
                for (String id : page.items()) {
                    read++;
                    Optional<ServiceRequest> stored = requests.find(id);
                    if (stored.isPresent() && stored.get().contactKeptSince().isPresent()) {
                        try {
                            requests.replace(stored.get(), stored.get());
                            indexed++;
                        } catch (ConcurrentChangeException changed) {
                            // changed since it was read: that write put it in the index
                        }
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return new Indexed(districts, read, indexed, true);
    }
}
