package diandan.domain.calendar;

import java.util.Map;
import java.util.Optional;

import diandan.domain.Area;
import diandan.domain.Registry;

/**
 * The calendar in force for an area and the area that set it: its own, else the nearest one above it
 * (community → street → district).
 */
public record AreaCalendar(String definedAt, ServiceCalendar calendar) {
    /** Empty when neither the area nor any area above it has a calendar (or the area is unknown). */
    public static Optional<AreaCalendar> effective(String areaId, Map<String, ServiceCalendar> byArea, Registry registry) {
        Optional<Area> area = registry.area(areaId);
        while (area.isPresent()) {
            ServiceCalendar own = byArea.get(area.get().id());
            if (own != null) {
                return Optional.of(new AreaCalendar(area.get().id(), own));
            }
            area = area.get().parentId() == null ? Optional.empty() : registry.area(area.get().parentId());
        }
        return Optional.empty();
    }

    public boolean inheritedBy(String areaId) {
        return !definedAt.equals(areaId);
    }
}
