package diandan.app.registry;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import diandan.domain.Problem;
import diandan.domain.Volunteer;
import diandan.domain.identity.IdentityClaim;
import diandan.domain.identity.StoredIdentity;
import diandan.port.registry.RegistryRepository;

/**
 * Keeps each identity document to one volunteer, by a claim item per look-up hash ({@link IdentityClaim}). The
 * order of the writes: the claim is taken before the volunteer is written and an old document's claim released
 * after, so a call failing in between leaves at worst a claim its holder does not carry, which the retry takes up
 * again and anyone else takes over once it is a leftover. Without transactions a volunteer never carries a
 * document whose claim another holds.
 */
final class DocumentClaims {
    /** Attempts when the claim changes between reading and writing it (released, taken over by another). */
    private static final int ATTEMPTS = 3;

    private final RegistryRepository store;
    private final Clock clock;

    DocumentClaims(RegistryRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Takes the document for the volunteer (renewing their own claim); 409 when another volunteer holds it or is
     * being registered with it now. The refusal never repeats the number.
     */
    IdentityClaim take(String volunteerId, String lookupHash) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            IdentityClaim mine = new IdentityClaim(lookupHash, volunteerId, clock.instant(), UUID.randomUUID().toString());
            if (store.claimIdentity(mine)) {
                return mine;
            }
            Optional<IdentityClaim> held = store.findIdentityClaim(lookupHash);
            if (held.isPresent()) {
                if (!held.get().isLeftover(carriedBy(held.get().volunteerId()), clock.instant())) {
                    throw Problem.conflict("another volunteer is registered with this identity document: a document "
                            + "registers one volunteer");
                }
                if (store.takeOverIdentityClaim(held.get(), mine)) {
                    return mine;
                }
            }
        }
        throw Problem.conflict("the claim on this identity document keeps changing; try again");
    }

    /**
     * Gives back a claim {@link #take} took for a write that was then refused, unless the volunteer as stored
     * carries the document (the claim was theirs already, or another change of theirs gave it to them).
     */
    void undo(IdentityClaim taken) {
        if (!taken.lookupHash().equals(carriedBy(taken.volunteerId()))) {
            store.releaseIdentityClaim(taken);
        }
    }

    /** The volunteer's claim on a document, read before a write that drops it, for {@link #release} after. */
    Optional<IdentityClaim> heldBy(String volunteerId, String lookupHash) {
        return store.findIdentityClaim(lookupHash).filter(c -> c.volunteerId().equals(volunteerId));
    }

    /** Lets a document go: only the claim as read, so that one a later change renewed stays. */
    void release(IdentityClaim claim) {
        store.releaseIdentityClaim(claim);
    }

    /** The look-up hash of the document the volunteer carries as stored now; null for none or no such volunteer. */
    private String carriedBy(String volunteerId) {
        return store.findVolunteer(volunteerId).map(Volunteer::identity).map(StoredIdentity::lookupHash).orElse(null);
    }
}
