package diandan.domain;

import java.util.List;

/**
 * Who may do what: the roles table of docs/api.md, in one place. A caller who may not even read a request is
 * told it does not exist (404); one who may read it but not make a change is refused (403).
 */
public final class Access {
    private Access() {
    }

    /** A dispatcher's scope is the area in their token; a dispatcher without one covers nothing. */
    public static boolean dispatches(Caller caller, AreaPath area) {
        return isDispatcher(caller) && area.contains(caller.areaId());
    }

    /** A dispatcher with a dispatch area: one whose token names none is no dispatcher of anything. */
    public static boolean isDispatcher(Caller caller) {
        return caller.is(Role.DISPATCHER) && caller.areaId() != null;
    }

    /** The dispatch desk: dispatchers and admins, whose lists and tools reach areas rather than one team. */
    public static boolean isDesk(Caller caller) {
        return caller.is(Role.ADMIN) || caller.is(Role.DISPATCHER);
    }

    /**
     * How far a desk caller's lists reach: an admin's everything (null), a dispatcher's their area. A dispatcher
     * whose token names no area reaches nothing (403).
     */
    public static String deskReach(Caller caller) {
        if (caller.is(Role.ADMIN)) {
            return null;
        }
        if (!isDispatcher(caller)) {
            throw Problem.forbidden("your token names no dispatch area");
        }
        return caller.areaId();
    }

    /** A desk caller looks only within their {@link #deskReach}: an area outside it is refused (403). */
    public static void requireWithinDeskReach(Caller caller, Area area, Registry registry) {
        String reach = deskReach(caller);
        if (reach != null && !registry.isWithin(area.id(), reach)) {
            throw Problem.forbidden("that area is outside your dispatch area");
        }
    }

    public static boolean isOwner(Caller caller, ServiceRequest request) {
        return caller.is(Role.RESIDENT) && request.residentSub() != null && request.residentSub().equals(caller.sub());
    }

    public static boolean canRead(Caller caller, ServiceRequest request) {
        return caller.is(Role.ADMIN) || isOwner(caller, request) || dispatches(caller, request.area())
                || caller.leads(request.teamId());
    }

    /** Contact details whole: the resident, dispatchers of the area, and the team once it has accepted. */
    public static boolean seesContact(Caller caller, ServiceRequest request) {
        return isOwner(caller, request) || dispatches(caller, request.area())
                || (caller.leads(request.teamId()) && request.status().isAcceptedByTeam());
    }

    /**
     * Which requests a caller lists: the desk an area's or a team's, a team leader their team's, a resident their
     * own.
     */
    public enum RequestList { DESK, OWN_TEAM, OWN_REQUESTS }

    /** Which requests this caller lists; anyone else lists none (403). */
    public static RequestList requestList(Caller caller) {
        if (isDesk(caller)) {
            return RequestList.DESK;
        }
        if (caller.is(Role.TEAM_LEADER)) {
            return RequestList.OWN_TEAM;
        }
        if (caller.is(Role.RESIDENT)) {
            return RequestList.OWN_REQUESTS;
        }
        throw Problem.forbidden("only residents, team leaders, dispatchers and admins list requests");
    }

    /**
     * The team whose requests a team leader lists: their own. Asking for another team, or a token naming no team,
     * is refused (403).
     */
    public static String ownTeamToList(Caller caller, String askedTeamId) {
        if (askedTeamId != null && !caller.leads(askedTeamId)) {
            throw Problem.forbidden("you lead another team");
        }
        if (caller.teamId() == null) {
            throw Problem.forbidden("your token names no team");
        }
        return caller.teamId();
    }

    /**
     * Whose request a submission is: a dispatcher's on an operated channel is for the resident it names, or for
     * someone without an account when it names none; everyone else submits for themself. Only a dispatcher names a
     * resident (422 otherwise), so nobody can file a request in another resident's name.
     */
    public static String submittedFor(Caller caller, Channel channel, String residentId) {
        if (residentId != null && !caller.is(Role.DISPATCHER)) {
            throw Problem.invalid("residentId", "is for operators submitting on a resident's behalf");
        }
        return caller.is(Role.DISPATCHER) && channel.isOperated() ? residentId : caller.sub();
    }

    public static void requireSubmit(Caller caller, Channel channel, AreaPath area) {
        if (channel.isOperated()) {
            if (!caller.is(Role.DISPATCHER)) {
                throw Problem.forbidden("only a dispatcher submits " + channel.code() + " requests");
            }
            if (!dispatches(caller, area)) {
                throw Problem.forbidden("the community is outside your dispatch area");
            }
        } else if (!caller.is(Role.RESIDENT)) {
            throw Problem.forbidden("only a resident submits " + channel.code() + " requests, for themself");
        }
    }

    public static void requireCancel(Caller caller, ServiceRequest request) {
        requireRead(caller, request);
        if (!isOwner(caller, request) && !dispatches(caller, request.area()) && !caller.is(Role.ADMIN)) {
            throw Problem.forbidden("only the resident or a dispatcher cancels a request");
        }
    }

    public static void requireRate(Caller caller, ServiceRequest request) {
        requireRead(caller, request);
        if (!isOwner(caller, request)) {
            throw Problem.forbidden("only the resident rates a request");
        }
    }

    /** Dispatching by hand: dispatchers of the area and admins. */
    public static void requireDispatch(Caller caller, ServiceRequest request) {
        requireRead(caller, request);
        if (!dispatches(caller, request.area()) && !caller.is(Role.ADMIN)) {
            throw Problem.forbidden("only a dispatcher of the area or an admin dispatches a request");
        }
    }

    /**
     * Accept, decline, reply, start, resolve: the leader of the team it is dispatched to. A leader whose team it
     * has left (declined, re-routed) learns that with a 409, which is also what a retried decline sees.
     */
    /**
     * Who ends a hold, and so how it ends: a leader of the serving team resumes it, the resident who owns the
     * request answers, a dispatcher of its area or an admin ends it; anyone else may not (or is told no such
     * request exists, as for reading).
     */
    public static HoldEnd requireEndHold(Caller caller, ServiceRequest request) {
        requireRead(caller, request);
        if (caller.leads(request.teamId())) {
            return HoldEnd.TEAM;
        }
        if (isOwner(caller, request)) {
            return HoldEnd.RESIDENT;
        }
        if (dispatches(caller, request.area()) || caller.is(Role.ADMIN)) {
            return HoldEnd.DISPATCHER;
        }
        throw Problem.forbidden("only the serving team, the resident or a dispatcher of the area ends a hold");
    }

    public static void requireTeamLeader(Caller caller, ServiceRequest request) {
        if (!caller.leads(request.teamId()) && request.declinedTeams().stream().anyMatch(caller::leads)) {
            throw Problem.conflict("request " + request.id() + " has left your team");
        }
        requireRead(caller, request);
        if (!caller.leads(request.teamId())) {
            throw Problem.forbidden("only a leader of the team the request is dispatched to may do this");
        }
    }

    /** Claiming a wish: wishes are on the public wall; a team leader claims one for their own team. */
    public static void requireClaim(Caller caller, ServiceRequest request, String teamId) {
        if (!request.isWish()) {
            throw Problem.notFound("wish " + request.id());
        }
        if (!caller.leads(teamId)) {
            throw Problem.forbidden("only a leader of team " + teamId + " claims wishes for it");
        }
    }

    /** A team's queue: its leader, dispatchers whose area overlaps the areas it covers, admins. */
    public static void requireTeamQueue(Caller caller, Team team, Registry registry) {
        boolean dispatcherOfItsAreas = isDispatcher(caller)
                && team.areaIds().stream().anyMatch(a -> registry.overlaps(a, caller.areaId()));
        if (!caller.is(Role.ADMIN) && !caller.leads(team.id()) && !dispatcherOfItsAreas) {
            throw Problem.forbidden("only the team's leader, dispatchers of its areas and admins see its queue");
        }
    }

    /** A volunteer's phone whole: their team leaders, dispatchers, admins and the volunteer themself. */
    public static boolean seesVolunteerPhone(Caller caller, Volunteer volunteer, List<String> teamIds) {
        return caller.is(Role.ADMIN) || isDispatcher(caller) || caller.isVolunteer(volunteer.id())
                || teamIds.stream().anyMatch(caller::leads);
    }

    public static void requireRead(Caller caller, ServiceRequest request) {
        if (!canRead(caller, request)) {
            throw Problem.notFound("request " + request.id());
        }
    }

    /** Registry writes (categories, areas, teams, volunteers) and other admin-only changes. */
    public static void requireAdmin(Caller caller) {
        if (!caller.is(Role.ADMIN)) {
            throw Problem.forbidden("only an admin may do this");
        }
    }

    /** Alerts: admins, and dispatchers of the alert's area or an area above it; everyone else is told none exists. */
    public static boolean seesAlert(Caller caller, Alert alert) {
        return caller.is(Role.ADMIN) || dispatches(caller, alert.scope());
    }

    /** Alerts and the SLA report are the dispatch desk's tools: dispatchers and admins. */
    public static void requireDesk(Caller caller) {
        if (!isDesk(caller)) {
            throw Problem.forbidden("only dispatchers and admins see alerts and reports");
        }
    }
}
