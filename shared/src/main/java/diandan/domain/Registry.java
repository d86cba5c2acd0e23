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
        // loops, not forEach lambdas: each lambda is a class, and every function's first event builds a registry
        for (Area area : areas) {
            this.areas.put(area.id(), area);
        }
        for (Category category : categories) {
            this.categories.put(category.code(), category);
        }
        for (Team team : teams) {
            this.teams.put(team.id(), team);
        }
    }

    /**
     * The registry a store or a file holds: its areas and teams, the eight built-in categories and its own
     * categories; a stored category with a built-in's code changes that one's name or clocks and stays built in.
     */
    public static Registry of(Collection<Area> areas, Collection<Category> stored, Collection<Team> teams) {
        Map<String, Category> categories = new LinkedHashMap<>();
        for (Category builtIn : Category.BUILT_IN) {
            categories.put(builtIn.code(), builtIn);
        }
        for (Category category : stored) {
            boolean builtIn = categories.containsKey(category.code()) && categories.get(category.code()).builtIn();
            categories.put(category.code(), new Category(category.code(), category.name(), builtIn, category.clocks()));
        }
        return new Registry(areas, categories.values(), teams);
    }

    /** This registry with {@code written} in place of the teams of their ids, or added. */
    public Registry withTeams(Collection<Team> written) {
        Map<String, Team> next = new LinkedHashMap<>(teams);
        written.forEach(t -> next.put(t.id(), t));
        return new Registry(areas.values(), categories.values(), next.values());
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

    /**
     * The district the desk looks at when a caller of the whole deployment names none: the only one registered. A
     * registry of several districts (or none) has no such default: the caller names an area (422).
     */
    public Area defaultDistrict() {
        List<Area> districts = areas.values().stream().filter(a -> a.type() == AreaType.DISTRICT).toList();
        if (districts.size() != 1) {
            throw Problem.invalid("areaId", districts.isEmpty() ? "is required: no district is registered"
                    : "is required: " + districts.size() + " districts are registered");
        }
        return districts.get(0);
    }

    /**
     * The districts an area spans, by id: a city's or a province's districts as the tree places them now, a district
     * itself; none for an area within a district.
     */
    public List<String> districtsWithin(String areaId) {
        return areas.values().stream().filter(a -> a.type() == AreaType.DISTRICT && isWithin(a.id(), areaId))
                .map(Area::id).sorted().toList();
    }

    /** The district an area lies in (the area itself for a district); empty above the districts or when unknown. */
    public Optional<String> districtOf(String areaId) {
        Area current = areas.get(areaId);
        while (current != null && current.type() != AreaType.DISTRICT) {
            current = current.parentId() == null ? null : areas.get(current.parentId());
        }
        return Optional.ofNullable(current).map(Area::id);
    }

    /** The district whose areas a team covers: one only, as {@link #requireOneDistrict} keeps it. */
    public Optional<String> districtOf(Team team) {
        return team.areaIds().stream().findFirst().flatMap(this::districtOf);
    }

    /**
     * Whether the area {@code areaId} covers a path: it is one of the path's levels, or a city or province above its
     * district (read from the tree as it is now, so a district placed under a city brings its history along).
     */
    public boolean covers(String areaId, AreaPath path) {
        return path.contains(areaId) || isWithin(path.districtId(), areaId);
    }

    /**
     * Where a query looks: the area of that id, or the district when it names none (callers pass the caller's
     * own area first when that is the default). An id the registry lacks is a 422 on {@code field}.
     */
    public Area areaOrDistrict(String field, String areaId) {
        return areaId == null ? defaultDistrict() : requireArea(field, areaId);
    }

    /** The area of that id; an id the registry lacks is a 422 on {@code field}. */
    public Area requireArea(String field, String areaId) {
        return area(areaId).orElseThrow(() -> Problem.invalid(field, "no area '" + areaId + "'"));
    }

    public boolean hasChildren(String areaId) {
        return areas.values().stream().anyMatch(a -> areaId.equals(a.parentId()));
    }

    /**
     * The tree rules for putting {@code area} in place: a province, a city or a district may stand at the top (the
     * levels above a district are optional, so a deployment of one district needs none); otherwise each hangs under
     * the level above it: a district under a city, a city under a province, a street under a district, a community
     * under a street. An area with children keeps its type (they would hang under the wrong kind of node). A bad
     * parent is a 422, a type change under children a 409.
     */
    public void requirePlacement(Area area) {
        Validation v = new Validation();
        AreaType parentType = area.type().parentType();
        if (area.parentId() == null) {
            if (!area.type().mayBeTop()) {
                v.fail("parentId", "is required: a " + area.type().code() + " lies in a " + parentType.code());
            }
        } else if (parentType == null) {
            v.fail("parentId", "must be null for a " + area.type().code());
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

    /**
     * A team works within one district, at any of its levels: routing never sends a request across a district, and
     * only a desk that reaches both districts dispatches one there by hand. Areas above a district, or areas of two
     * districts, are refused (422).
     */
    public void requireOneDistrict(Validation v, List<String> areaIds) {
        List<String> districts = areaIds.stream().map(this::districtOf).flatMap(Optional::stream).distinct().toList();
        areaIds.stream().filter(a -> area(a).filter(x -> x.type().isAboveDistrict()).isPresent())
                .forEach(a -> v.fail("areaIds", "'" + a + "' is above a district: a team covers areas of one district"));
        if (districts.size() > 1) {
            v.fail("areaIds", "name areas of one district, not of " + String.join(", ", districts));
        }
    }
}
