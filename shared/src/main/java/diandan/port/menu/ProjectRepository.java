package diandan.port.menu;

import java.util.Collection;
import java.util.Optional;

import diandan.domain.menu.Project;
import diandan.port.Page;

/**
 * Projects, and the menu pages that list them. A project is stored once; each menu it appears on (every community
 * it serves, and its team's district) holds an entry naming it, so that one menu is one partition read, and what a
 * listed project says is always read from the project itself.
 */
public interface ProjectRepository {
    /** Stores a new project; false when its id exists already. */
    boolean create(Project project);

    /** @throws diandan.port.ConcurrentChangeException when the stored project is no longer {@code current} */
    void replace(Project current, Project next);

    Optional<Project> find(String id);

    /** Puts the project on these menus (areas' ids), under its category; putting it twice changes nothing. */
    void list(Project project, Collection<String> menus);

    /** Takes the entries of the project under {@code category} off these menus. */
    void unlist(String projectId, String category, Collection<String> menus);

    /**
     * One page of a menu, by category then id, optionally of one category: the projects its entries name, as they
     * are stored now (the caller decides which still belong there).
     */
    Page<Project> menu(String menuId, String category, int limit, String cursor);

    /** One page of a team's projects, newest first. */
    Page<Project> ofTeam(String teamId, int limit, String cursor);
}
