package diandan.app.registry;

import java.util.List;

import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.Team;
import diandan.domain.Volunteer;

/** A registry's entries as a file holds them: what a seed loads and an export gives back. */
public record RegistryEntries(List<Area> areas, List<Category> categories, List<Team> teams, List<Volunteer> volunteers) {
    public RegistryEntries {
        areas = List.copyOf(areas);
        categories = List.copyOf(categories);
        teams = List.copyOf(teams);
        volunteers = List.copyOf(volunteers);
    }
}
