package diandan.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A snapshot of the areas and categories, for lookups that must not cost a read each. */
public final class Registry {
    private final Map<String, Area> areas = new LinkedHashMap<>();
    private final Map<String, Category> categories = new LinkedHashMap<>();

    public Registry(Collection<Area> areas, Collection<Category> categories) {
        areas.forEach(a -> this.areas.put(a.id(), a));
        categories.forEach(c -> this.categories.put(c.code(), c));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    public Optional<Area> area(String id) {
        return Optional.ofNullable(areas.get(id));
    }

    public List<Area> areas() {
        return List.copyOf(areas.values());
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    /** Whether the area {@code areaId} is {@code ancestorId} or lies below it. */
    public boolean isWithin(String areaId, String ancestorId) {
        Area current = areas.get(areaId);
        while (current != null) {
            if (current.id().equals(ancestorId)) {
                return true;
            }
            current = current.parentId() == null ? null : areas.get(current.parentId());
        }
        return false;
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
}
