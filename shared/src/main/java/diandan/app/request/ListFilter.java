package diandan.app.request;

import java.time.Instant;

import diandan.app.PageSize;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Registry;
import diandan.domain.RequestStatus;
import diandan.domain.Validation;
import diandan.port.AreaScopes;
import diandan.port.request.RequestQuery.Scope;
import diandan.port.request.RequestQuery;

/**
 * {@code GET /requests} as the client asked for it. Which partition is read depends on who asks: a resident
 * sees their own requests, a team leader their team's, a dispatcher their area's, an admin any area's.
 */
public record ListFilter(String status, String communityId, String category, String teamId, String areaId,
                         String from, String to, String limit, String cursor) {
    public RequestQuery toQuery(Caller caller, Registry registry) {
        Validation v = new Validation();
        RequestStatus statusFilter = null;
        String statusCode = v.optionalText("status", status, 20);
        if (statusCode != null) {
            statusFilter = RequestStatus.fromCode(statusCode).orElse(null);
            if (statusFilter == null) {
                v.fail("status", "unknown status '" + statusCode + "'");
            }
        }
        String community = v.optionalText("communityId", communityId, 64);
        String categoryCode = v.optionalText("category", category, 40);
        String team = v.optionalText("teamId", teamId, 64);
        String area = v.optionalText("areaId", areaId, 64);
        Instant fromTime = v.optionalInstant("from", from);
        Instant toTime = v.optionalInstant("to", to);
        v.orderedEndExcluded(fromTime, toTime);
        int pageSize = PageSize.of(v, limit);
        v.throwIfAny();

        Scope scope;
        String scopeId;
        Access.RequestList list = Access.requestList(caller);
        if (list == Access.RequestList.DESK) {
            String reach = Access.deskReach(caller);
            if (team != null) {
                scope = Scope.TEAM;
                scopeId = team;
            } else {
                Area node = community != null ? registry.requireArea("communityId", community)
                        : registry.areaOrDistrict("areaId", area != null ? area : reach);
                Access.requireWithinDeskReach(caller, node, registry);
                scope = AreaScopes.forArea(Scope.class, node.type());
                scopeId = node.id();
            }
            if (team != null) {
                // a team may serve several areas: a dispatcher sees the part of its queue in their own area
                return new RequestQuery(scope, scopeId, statusFilter, categoryCode, community, null, reach, fromTime,
                        toTime, pageSize, cursor);
            }
        } else if (list == Access.RequestList.OWN_TEAM) {
            scope = Scope.TEAM;
            scopeId = Access.ownTeamToList(caller, team);
        } else {
            scope = Scope.OWNER;
            scopeId = caller.sub();
        }
        return new RequestQuery(scope, scopeId, statusFilter, categoryCode,
                scope == Scope.COMMUNITY ? null : community, scope == Scope.TEAM ? null : team, null, fromTime, toTime,
                pageSize, cursor);
    }

    /** The page size alone, for lists that take no other filter. */
    public int pageSize() {
        Validation v = new Validation();
        int size = PageSize.of(v, limit);
        v.throwIfAny();
        return size;
    }
}
