package diandan.app.menu;

import diandan.domain.menu.Project;
import diandan.port.menu.ProjectRatings;

/**
 * A project with how it is doing: the window an order placed now counts in (null when it has no session ahead),
 * how many orders that window holds, and its orders' ratings.
 */
public record ProjectState(Project project, String window, int taken, ProjectRatings.Tally ratings) {
}
