package diandan.app.escalation;

import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Validation;

/**
 * The area the desk's tools (alerts, the SLA report) look at: the one asked for, or by default the caller's
 * own (a dispatcher's or an area admin's area, the only district for an admin of the whole deployment), never
 * outside the caller's area; lists and alerts never above a district (its partitions are the district's), the SLA
 * report district by district.
 */
final class DeskArea {
    private DeskArea() {
    }

    /** The desk's area for lists and alerts: within a district (a city or a province is refused, 422). */
    static Area resolve(Caller caller, Registry registry, String requestedAreaId) {
        Area area = resolveAtAnyLevel(caller, registry, requestedAreaId);
        area.type().requireWithinDistrict("areaId");
        return area;
    }

    /**
     * The desk's area for what is read district by district (the SLA report): at any level, a city or a province
     * included, for a desk whose reach holds it.
     */
    static Area resolveAtAnyLevel(Caller caller, Registry registry, String requestedAreaId) {
        Access.requireDesk(caller);
        Validation v = new Validation();
        String requested = v.optionalText("areaId", requestedAreaId, 64);
        v.throwIfAny();
        String reach = Access.deskReach(caller);
        if (requested == null) {
            return reach == null ? registry.defaultDistrict() : registry.area(reach).orElseThrow(
                    () -> Problem.forbidden("your dispatch area '" + reach + "' is not registered"));
        }
        Area area = registry.areaOrDistrict("areaId", requested);
        Access.requireWithinDeskReach(caller, area, registry);
        return area;
    }
}
