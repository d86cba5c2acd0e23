package diandan.app.escalation;

import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Validation;

/**
 * The area the desk's tools (alerts, the SLA report) look at: the one asked for, or by default the caller's
 * own (a dispatcher's area, the district for an admin), never outside a dispatcher's area.
 */
final class DeskArea {
    private DeskArea() {
    }

    static Area resolve(Caller caller, Registry registry, String requestedAreaId) {
        Access.requireDesk(caller);
        Validation v = new Validation();
        String requested = v.optionalText("areaId", requestedAreaId, 64);
        v.throwIfAny();
        String reach = Access.deskReach(caller);
        if (requested == null && reach != null) {
            return registry.area(reach).orElseThrow(
                    () -> Problem.forbidden("your dispatch area '" + reach + "' is not registered"));
        }
        Area area = registry.areaOrDistrict("areaId", requested);
        Access.requireWithinDeskReach(caller, area, registry);
        return area;
    }
}
