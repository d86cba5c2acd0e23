package diandan.app.escalation;

import java.time.Clock;

import diandan.app.PageSize;
import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Alert;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Validation;
import diandan.port.Page;
import diandan.port.escalation.AlertQuery;
import diandan.port.escalation.AlertRepository;

/** The dispatch desk's alerts: listed by area, level and state; acknowledged by whoever may see them. */
public final class AlertDesk {
    private final AlertRepository alerts;
    private final RegistryCache registry;
    private final Clock clock;

    public AlertDesk(AlertRepository alerts, RegistryCache registry, Clock clock) {
        this.alerts = alerts;
        this.registry = registry;
        this.clock = clock;
    }

    /** Alerts of {@code areaId} (default: the caller's area) and everything below it, newest first. */
    public Page<Alert> list(Caller caller, String level, String areaId, String acknowledged, String limit,
                            String cursor) {
        Access.requireDesk(caller);
        Validation v = new Validation();
        Integer levelFilter = level(v, level);
        Boolean acknowledgedFilter = acknowledged(v, acknowledged);
        int pageSize = PageSize.of(v, limit);
        v.throwIfAny();
        Area area = DeskArea.resolve(caller, registry.get(), areaId);
        return alerts.list(new AlertQuery(area.type(), area.id(), levelFilter, acknowledgedFilter, pageSize, cursor));
    }

    /** Acknowledges an alert the caller sees; acknowledging again changes nothing. */
    public Alert acknowledge(Caller caller, String id) {
        Problem notFound = Problem.notFound("alert " + id);
        if (!Ids.isWellFormed(id)) {
            throw notFound;
        }
        Alert alert = alerts.find(id).filter(a -> Access.seesAlert(caller, a, registry.get())).orElseThrow(() -> notFound);
        return alert.acknowledged() ? alert : alerts.acknowledge(alert, caller.sub(), clock.instant());
    }

    private static Integer level(Validation v, String text) {
        String value = v.optionalText("level", text, 5);
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-3]")) {
            v.fail("level", "must be 0 (unrouted), 1, 2 or 3");
            return null;
        }
        return Integer.parseInt(value);
    }

    private static Boolean acknowledged(Validation v, String text) {
        String value = v.optionalText("acknowledged", text, 5);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            v.fail("acknowledged", "must be true or false");
            return null;
        }
        return Boolean.parseBoolean(value);
    }
}
