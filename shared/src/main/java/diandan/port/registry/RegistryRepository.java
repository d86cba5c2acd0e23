package diandan.port.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.domain.identity.IdentityClaim;
import diandan.port.ConcurrentChangeException;

/**
 * The registry as stored: areas, categories (built-in ones exist without being stored), teams and volunteers.
 * Areas, categories and teams are read together, as one small snapshot; volunteers one by one.
 */
public interface RegistryRepository {
    /** Everything the registry snapshot holds, in one read. */
    Contents contents();

    /** @param categories local categories, and built-in ones an admin changed */
    record Contents(List<Area> areas, List<Category> categories, List<Team> teams) {
    }

    void putArea(Area area);

    void putCategory(Category category);

    /** Stores a team as given, whatever was there: for seeding a registry from a file. */
    void putTeam(Team team);

    /** Stores a new team; false when one with its id exists. */
    boolean createTeam(Team team);

    /**
     * Replaces {@code previous} by {@code next} if the stored team still has previous's version.
     *
     * @throws ConcurrentChangeException when it does not
     */
    void replaceTeam(Team previous, Team next);

    /** The team as stored now, not as a cached snapshot has it: for changes. */
    Optional<Team> findTeam(String id);

    /** Stores a volunteer as given: for seeding. */
    void putVolunteer(Volunteer volunteer);

    /** Stores a new volunteer; false when one with its id exists. */
    boolean createVolunteer(Volunteer volunteer);

    Optional<Volunteer> findVolunteer(String id);

    /**
     * Replaces {@code previous} by {@code next} if the stored volunteer still has previous's version.
     *
     * @throws ConcurrentChangeException when it does not
     */
    void replaceVolunteer(Volunteer previous, Volunteer next);

    /** The claim on an identity document's look-up hash, when one is stored. */
    Optional<IdentityClaim> findIdentityClaim(String lookupHash);

    /**
     * Stores the claim unless another volunteer holds one on the same document: false then. The same holder's
     * claim is renewed (its time and token), so a retry takes up its own first attempt's claim.
     */
    boolean claimIdentity(IdentityClaim claim);

    /** Replaces {@code leftover} by {@code claim} if it is stored still as read (its token); false otherwise. */
    boolean takeOverIdentityClaim(IdentityClaim leftover, IdentityClaim claim);

    /** Deletes the claim if it is stored still as read (its token): one renewed since stays. */
    void releaseIdentityClaim(IdentityClaim claim);

    /** The ones of these volunteers that exist. */
    List<Volunteer> findVolunteers(Collection<String> ids);
}
