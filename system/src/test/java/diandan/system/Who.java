package diandan.system;

import java.util.Map;

import diandan.devkit.ApiEvents;
import diandan.hours.HoursWorld;

/**
 * The callers of the authorization matrix, by role and by relation to what the route acts on (a request of the
 * resident {@code owner} in community xinbei of street weiyang, with the care team; v-li's records and hours),
 * each with real claims, and tokens that name no scope or no role of ours: the names are the matrix's column
 * headers.
 */
enum Who {
    NOBODY("nobody"),
    /** The resident whose request it is. */
    OWNER("owner"),
    OTHER_RESIDENT("otherResident"),
    /** v-li, a volunteer of the care team: the records' own volunteer. */
    VOLUNTEER("volunteer"),
    /** leader-chen, a leader of the care team (volunteer v-chen). */
    SERVING_LEADER("servingLeader"),
    /** leader-he, of the legal team. */
    OTHER_LEADER("otherLeader"),
    /** A dispatcher of street weiyang, above community xinbei. */
    AREA_DISPATCHER("areaDispatcher"),
    /** A dispatcher of street wenhuilu. */
    FAR_DISPATCHER("farDispatcher"),
    /** An admin of the district (weicheng). */
    ADMIN("admin"),
    /** An admin of the whole deployment: the token names no area. */
    DEPLOYMENT_ADMIN("deploymentAdmin"),
    /** A token in group dispatcher that names no area: a dispatcher of nothing. */
    NO_AREA_DISPATCHER("noAreaDispatcher"),
    /** A token in group team_leader that names no team: a leader of nothing. */
    NO_TEAM_LEADER("noTeamLeader"),
    /** A verified token whose groups are none of ours. */
    UNKNOWN_GROUP("unknownGroup");

    final String column;

    Who(String column) {
        this.column = column;
    }

    /** The claims API Gateway's authorizer would pass on; null for no token at all. */
    Map<String, String> claims(String owner) {
        return switch (this) {
            case NOBODY -> null;
            case OWNER -> ApiEvents.resident(owner);
            case OTHER_RESIDENT -> ApiEvents.resident("neighbour-of-" + owner);
            case VOLUNTEER -> HoursWorld.VOLUNTEER_LI;
            case SERVING_LEADER -> HoursWorld.LEADER;
            case OTHER_LEADER -> HoursWorld.OTHER_LEADER;
            case AREA_DISPATCHER -> HoursWorld.DISPATCHER;
            case FAR_DISPATCHER -> HoursWorld.FAR_DISPATCHER;
            case ADMIN -> ApiEvents.admin("admin-weicheng", "weicheng");
            case DEPLOYMENT_ADMIN -> HoursWorld.ADMIN;
            case NO_AREA_DISPATCHER -> ApiEvents.claims("dispatcher-unscoped", "dispatcher", null, null, null);
            case NO_TEAM_LEADER -> ApiEvents.claims("leader-unscoped", "team_leader volunteer", null, null, null);
            case UNKNOWN_GROUP -> ApiEvents.claims("someone", "superuser", World.SERVING_TEAM, "weiyang",
                    World.VOLUNTEER);
        };
    }

    static Who ofColumn(String column) {
        for (Who who : values()) {
            if (who.column.equals(column)) {
                return who;
            }
        }
        throw new IllegalArgumentException("no caller kind '" + column + "'");
    }
}
