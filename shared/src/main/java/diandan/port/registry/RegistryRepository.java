package diandan.port.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.Team;
import diandan.domain.Volunteer;

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

    /** The ones of these volunteers that exist. */
    List<Volunteer> findVolunteers(Collection<String> ids);
}
