package diandan.domain.menu;

import java.time.Instant;
import java.util.List;

import diandan.domain.AreaPath;

/**
 * A service project (项目) a team offers on the menu: what, in which category, for which areas, when, and how
 * many orders it takes. The areas lie within the team's coverage; a community is served when it or an area
 * above it is listed.
 *
 * @param version raised by every change; every write is conditional on it
 */
public record Project(String id, String teamId, String title, String category, String description,
                      List<String> areaIds, Offering offered, Capacity capacity, boolean active, long version,
                      String createdBy, Instant createdAt, Instant updatedAt) {
    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_AREAS = 50;

    public Project {
        areaIds = List.copyOf(areaIds);
    }

    /** Whether it serves this community: the community or its street or district is one of its areas. */
    public boolean serves(AreaPath community) {
        return areaIds.stream().anyMatch(community::contains);
    }
}
