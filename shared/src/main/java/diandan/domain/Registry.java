package diandan.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the areas, categories and teams, for lookups that must not cost a read each: routing reads
 * its candidate teams from here.
 */
public final class Registry {
    private final Map<String, Area> areas = new LinkedHashMap<>();
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private final Map<String, Team> teams = new LinkedHashMap<>();

    public Registry(Collection<Area> areas, Collection<Category> categories, Collection<Team> teams) {
        areas.forEach(a -> this.areas.put(a.id(), a));
        categories.forEach(c -> this.categories.put(c.code(), c));
        teams.forEach(t -> this.teams.put(t.id(), t));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    public Optional<Area> area(String id) {
        return Optional.ofNullable(areas.get(id));
    }

    public Optional<Team> team(String id) {
        return Optional.ofNullable(teams.get(id));
    }

    public List<Area> areas() {
        return List.copyOf(areas.values());
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    public List<Team> teams() {
        return List.copyOf(teams.values());
    }

    /** The teams a volunteer serves in: those listing them as a member. */
    public List<String> teamsOf(String volunteerId) {
        return teams.values().stream().filter(t -> t.members().contains(volunteerId)).map(Team::id).toList();
    }

    /** The path of a community up to its district; empty when the id names no community. */
    public Optional<AreaPath> pathOf(String communityId) {
        Area community = areas.get(communityId);
        if (community == null || community.type() != AreaType.COMMUNITY) {
            return Optional.empty();
        }
        Area street = areas.get(community.parentId());
        if (street == null) {
            return Optional.empty();
        }
        return Optional.of(new AreaPath(community.id(), street.id(), street.parentId()));
    }

    /** Whether {@code areaId} is {@code ancestorId} or lies below it. */
    public boolean isWithin(String areaId, String ancestorId) {
        Area current = areas.get(areaId);
        while (current != null && ancestorId != null) {
            if (current.id().equals(ancestorId)) {
                return true;
            }
            current = current.parentId() == null ? null : areas.get(current.parentId());
        }
        return false;
    }

    /** Whether two areas lie on one branch of the tree: one of them contains the other. */
    public boolean overlaps(String areaId, String otherId) {
        return isWithin(areaId, otherId) || isWithin(otherId, areaId);
    }

    /** The district: the root of the tree; empty before one is registered. */
    public Optional<Area> district() {
        return areas.values().stream().filter(a -> a.type() == AreaType.DISTRICT).findFirst();
    }

    /**
     * Where a query looks: the area of that id, or the district when it names none (callers pass the caller's
     * own area first when that is the default). An id the registry lacks is a 422 on {@code field}.
     */
    public Area areaOrDistrict(String field, String areaId) {
        return areaId == null ? requireDistrict() : requireArea(field, areaId);
    }

    /** The district; before one is registered, a query must name its area (a 422 on {@code areaId}). */
    public Area requireDistrict() {
        return district().orElseThrow(() -> Problem.invalid("areaId", "is required: no district is registered"));
    }

    /** The area of that id; an id the registry lacks is a 422 on {@code field}. */
    public Area requireArea(String field, String areaId) {
        return area(areaId).orElseThrow(() -> Problem.invalid(field, "no area '" + areaId + "'"));
    }

    public boolean hasChildren(String areaId) {
        return areas.values().stream().anyMatch(a -> areaId.equals(a.parentId()));
    }

    /**
     * The tree rules for putting {@code area} in place: a district has no parent and is the only one; a street
     * hangs under the district, a community under a street; an area with children keeps its type (they would
     * hang under the wrong kind of node). A bad parent is a 422, a type change under children a 409.
     */
    public void requirePlacement(Area area) {
        Validation v = new Validation();
        AreaType parentType = area.type().parentType();
        if (parentType == null) {
            if (area.parentId() != null) {
                v.fail("parentId", "must be null for a district");
            }
            district().filter(d -> !d.id().equals(area.id())).ifPresent(d ->
                    v.fail("type", "the registry has its district already: '" + d.id() + "'"));
        } else if (area.parentId() == null) {
            v.fail("parentId", "is required: a " + area.type().code() + " lies in a " + parentType.code());
        } else {
            Area parent = areas.get(area.parentId());
            if (parent == null) {
                v.fail("parentId", "no area '" + area.parentId() + "'");
            } else if (parent.type() != parentType) {
                v.fail("parentId", "must name a " + parentType.code() + ", '" + parent.id() + "' is a " + parent.type().code());
            }
        }
        v.throwIfAny();
        Area existing = areas.get(area.id());
        if (existing != null && existing.type() != area.type() && hasChildren(area.id())) {
            throw Problem.conflict("area " + area.id() + " has areas below it: it stays a " + existing.type().code());
        }
    }
}
