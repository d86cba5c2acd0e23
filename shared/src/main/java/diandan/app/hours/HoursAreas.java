package diandan.app.hours;

import diandan.domain.Area;
import diandan.domain.Problem;
import diandan.domain.Registry;

/** Areas named in hours queries: resolved against the registry, the only district when none is named. */
final class HoursAreas {
    private HoursAreas() {
    }

    static Area resolve(Registry registry, String field, String areaId) {
        return registry.area(areaId).orElseThrow(() -> Problem.invalid(field, "no area '" + areaId + "'"));
    }

    /** The area of that id, or the district when the id is null. */
    static Area orDistrict(Registry registry, String field, String areaId) {
        return areaId == null ? district(registry) : resolve(registry, field, areaId);
    }

    static Area district(Registry registry) {
        return registry.defaultDistrict();
    }
}
