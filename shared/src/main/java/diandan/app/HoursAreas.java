package diandan.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import diandan.domain.Area;
import diandan.domain.Problem;
import diandan.domain.Registry;

/** Areas named in hours queries: resolved against the registry, the district when none is named. */
final class HoursAreas {
    private HoursAreas() {
    }

    static Area resolve(Registry registry, String field, String areaId) {
        return registry.area(areaId).orElseThrow(() -> Problem.invalid(field, "no area '" + areaId + "'"));
    }

    /** The district: the area without a parent. */
    static Area district(Registry registry) {
        return registry.areas().stream().filter(a -> a.parentId() == null).findFirst()
                .orElseThrow(() -> Problem.invalid("areaId", "is required: no district is registered"));
    }

    /** The area's id and those of every area above it, up to the district. */
    static List<String> lineage(Registry registry, Area area) {
        List<String> ids = new ArrayList<>();
        for (Optional<Area> current = Optional.of(area); current.isPresent() && !ids.contains(current.get().id());
             current = Optional.ofNullable(current.get().parentId()).flatMap(registry::area)) {
            ids.add(current.get().id());
        }
        return ids;
    }

    /** Whether {@code area} lies at or below {@code reach}. */
    static boolean within(Registry registry, Area area, String reach) {
        return lineage(registry, area).contains(reach);
    }
}
