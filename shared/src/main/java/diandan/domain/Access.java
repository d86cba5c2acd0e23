package diandan.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Who may do what: the roles table of docs/api.md, in one place. A caller who may not even read a request is
 * told it does not exist (404); one who may read it but not make a change is refused (403).
 *
 * <p>Dispatchers and admins are scoped by the area of their token ({@code custom:area_id}): a community, street,
 * district, city or province, and everything below it. An admin whose token names no area administers the whole
 * deployment; a dispatcher whose token names none dispatches nothing.
 */
public final class Access {
    private Access() {
    }

    /** A dispatcher's scope is the area in their token; a dispatcher without one covers nothing. */
    public static boolean dispatches(Caller caller, AreaPath area, Registry registry) {
        return isDispatcher(caller) && registry.covers(caller.areaId(), area);
    }

    /** An admin of this path: one of the whole deployment (no area in the token), or of an area that covers it. */
    public static boolean administers(Caller caller, AreaPath area, Registry registry) {
        return isDeploymentAdmin(caller) || (caller.is(Role.ADMIN) && registry.covers(caller.areaId(), area));
    }

    /** An admin of the whole deployment: one whose token names no area. */
    public static boolean isDeploymentAdmin(Caller caller) {
        return caller.is(Role.ADMIN) && caller.areaId() == null;
    }

    /** The dispatch desk of this path: its dispatchers and its admins. */
    private static boolean deskOf(Caller caller, AreaPath area, Registry registry) {
        return dispatches(caller, area, registry) || administers(caller, area, registry);
    }

    /**
     * How far a caller's registry reads (areas, teams, volunteers) reach: the district of a dispatcher's or an area
     * admin's area (a street's dispatcher sends requests to any team of the district), or that area itself when it
     * lies above the districts; a team leader's team's district; everything (null) for residents, volunteers and
     * admins of the whole deployment, for whom the registry is the public directory they submit and volunteer by.
     */
    public static String directoryReach(Caller caller, Registry registry) {
        if (isDesk(caller) && caller.areaId() != null) {
            return registry.districtOf(caller.areaId()).orElse(caller.areaId());
        }
        if (caller.is(Role.TEAM_LEADER) && caller.teamId() != null) {
            return registry.team(caller.teamId()).flatMap(registry::districtOf).orElse(null);
        }
        return null;
    }

    /** Whether a team lies within a {@link #directoryReach}: one of its areas overlaps it. */
    public static boolean inDirectory(Team team, String reach, Registry registry) {
        return reach == null || team.areaIds().stream().anyMatch(a -> registry.overlaps(a, reach));
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
     * How far a desk caller's lists reach: the area of their token; everything (null) for an admin whose token names
     * none. A dispatcher whose token names no area reaches nothing (403).
     */
    public static String deskReach(Caller caller) {
        if (caller.is(Role.ADMIN)) {
            return caller.areaId();
        }
        if (!isDispatcher(caller)) {
            throw Problem.forbidden("your token names no dispatch area");
        }
        return caller.areaId();
    }

    /**
     * The area a desk's list of one team's requests or records is narrowed to: their {@link #deskReach} when it lies
     * within a district (lists filter on the district's levels), the team's district when their area is a city or
     * province holding it; a team outside it is refused (403).
     */
    public static String teamListReach(Caller caller, String teamId, Registry registry) {
        String reach = deskReach(caller);
        if (reach == null || registry.area(reach).filter(a -> a.type().isAboveDistrict()).isEmpty()) {
            return reach;
        }
        return registry.team(teamId).flatMap(registry::districtOf).filter(d -> registry.isWithin(d, reach))
                .orElseThrow(() -> Problem.forbidden("team " + teamId + " works outside your area"));
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

    public static boolean canRead(Caller caller, ServiceRequest request, Registry registry) {
        return deskOf(caller, request.area(), registry) || isOwner(caller, request) || caller.leads(request.teamId());
    }

    /** Contact details whole: the resident, dispatchers of the area, and the team once it has accepted. */
    public static boolean seesContact(Caller caller, ServiceRequest request, Registry registry) {
        return isOwner(caller, request) || dispatches(caller, request.area(), registry)
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

    public static void requireSubmit(Caller caller, Channel channel, AreaPath area, Registry registry) {
        if (channel.isOperated()) {
            if (!caller.is(Role.DISPATCHER)) {
                throw Problem.forbidden("only a dispatcher submits " + channel.code() + " requests");
            }
            if (!dispatches(caller, area, registry)) {
                throw Problem.forbidden("the community is outside your dispatch area");
            }
        } else if (!caller.is(Role.RESIDENT)) {
            throw Problem.forbidden("only a resident submits " + channel.code() + " requests, for themself");
        }
    }

    public static void requireCancel(Caller caller, ServiceRequest request, Registry registry) {
        requireRead(caller, request, registry);
        if (!isOwner(caller, request) && !deskOf(caller, request.area(), registry)) {
            throw Problem.forbidden("only the resident or a dispatcher cancels a request");
        }
    }

    public static void requireRate(Caller caller, ServiceRequest request, Registry registry) {
        requireRead(caller, request, registry);
        if (!isOwner(caller, request)) {
            throw Problem.forbidden("only the resident rates a request");
        }
    }

    /**
     * Erasing a request's contact data at once: the resident who owns it, and the admins of its area (for a
     * resident who asks the desk, such as one without an account who called the hotline).
     */
    public static void requireEraseContact(Caller caller, ServiceRequest request, Registry registry) {
        requireRead(caller, request, registry);
        if (!isOwner(caller, request) && !administers(caller, request.area(), registry)) {
            throw Problem.forbidden("only the resident or an admin of the area erases a request's contact data");
        }
    }

    /**
     * Dispatching by hand: dispatchers and admins of the area. To a team of another district only a desk whose area
     * reaches that district too (a city's, a province's, the whole deployment's): routing never crosses a district,
     * a desk above both may decide to.
     */
    public static void requireDispatch(Caller caller, ServiceRequest request, Team team, Registry registry) {
        requireRead(caller, request, registry);
        if (!deskOf(caller, request.area(), registry)) {
            throw Problem.forbidden("only a dispatcher of the area or an admin dispatches a request");
        }
        String teamDistrict = registry.districtOf(team).orElse(null);
        String reach = deskReach(caller);
        if (!request.area().districtId().equals(teamDistrict) && reach != null
                && (teamDistrict == null || !registry.isWithin(teamDistrict, reach))) {
            throw Problem.forbidden("team " + team.id() + " works in another district, outside your area");
        }
    }

    /**
     * Who ends a hold, and so how it ends: a leader of the serving team resumes it, the resident who owns the
     * request answers, the desk of its area (a dispatcher or an admin) ends it; anyone else may not (or is told no
     * such request exists, as for reading).
     */
    public static HoldEnd requireEndHold(Caller caller, ServiceRequest request, Registry registry) {
        requireRead(caller, request, registry);
        if (caller.leads(request.teamId())) {
            return HoldEnd.TEAM;
        }
        if (isOwner(caller, request)) {
            return HoldEnd.RESIDENT;
        }
        if (deskOf(caller, request.area(), registry)) {
            return HoldEnd.DISPATCHER;
        }
        throw Problem.forbidden("only the serving team, the resident or a dispatcher of the area ends a hold");
    }

    /**
     * Accept, decline, reply, start, resolve: the leader of the team it is dispatched to. A leader whose team it
     * has left (declined, re-routed) learns that with a 409, which is also what a retried decline sees.
     */
    public static void requireTeamLeader(Caller caller, ServiceRequest request, Registry registry) {
        if (!caller.leads(request.teamId()) && request.declinedTeams().stream().anyMatch(caller::leads)) {
            throw Problem.conflict("request " + request.id() + " has left your team");
        }
        requireRead(caller, request, registry);
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

    /**
     * Publishing and changing a team's service projects: the team's leader, and admins of an area the team
     * serves or one above it (admins of the whole deployment too). The menu itself is public to every caller.
     */
    public static void requireManageProjects(Caller caller, Team team, Registry registry) {
        boolean adminOfItsAreas = caller.is(Role.ADMIN) && (isDeploymentAdmin(caller)
                || team.areaIds().stream().anyMatch(a -> registry.isWithin(a, caller.areaId())));
        if (!caller.leads(team.id()) && !adminOfItsAreas) {
            throw Problem.forbidden("only the team's leader and admins of its areas publish its projects");
        }
    }

    /** A team's queue: its leader, dispatchers and admins whose area overlaps the areas it covers. */
    public static void requireTeamQueue(Caller caller, Team team, Registry registry) {
        boolean deskOfItsAreas = isDesk(caller) && caller.areaId() != null
                && team.areaIds().stream().anyMatch(a -> registry.overlaps(a, caller.areaId()));
        if (!caller.leads(team.id()) && !isDeploymentAdmin(caller) && !deskOfItsAreas) {
            throw Problem.forbidden("only the team's leader, dispatchers of its areas and admins see its queue");
        }
    }

    /**
     * The desk a volunteer's phone and hours are open to: admins of the whole deployment, and dispatchers and admins
     * whose {@link #directoryReach} holds one of the volunteer's teams (a volunteer of another district's teams is
     * no concern of theirs).
     */
    public static boolean isDeskOfVolunteer(Caller caller, Collection<String> teamIds, Registry registry) {
        if (isDeploymentAdmin(caller)) {
            return true;
        }
        if (!isDesk(caller) || caller.areaId() == null) {
            return false;
        }
        String reach = directoryReach(caller, registry);
        return teamIds.stream().flatMap(t -> registry.team(t).stream()).anyMatch(t -> inDirectory(t, reach, registry));
    }

    /**
     * A volunteer's identity document number whole: the volunteer themself and admins only. Everyone else who
     * may see the volunteer sees the masked number; team leaders and the desk are not widened to it as for phones.
     */
    public static boolean seesIdentityNumber(Caller caller, String volunteerId) {
        return caller.isVolunteer(volunteerId) || caller.is(Role.ADMIN);
    }

    /** A volunteer's phone whole: their team leaders, the volunteer themself, and the desk of their teams. */
    public static boolean seesVolunteerPhone(Caller caller, Volunteer volunteer, List<String> teamIds,
                                             Registry registry) {
        return caller.isVolunteer(volunteer.id()) || teamIds.stream().anyMatch(caller::leads)
                || isDeskOfVolunteer(caller, teamIds, registry);
    }

    /**
     * A volunteer's points ledger: the volunteer themself, and admins whose reach holds one of their teams (or the
     * whole deployment's); dispatchers run requests, not rewards.
     */
    public static boolean seesPoints(Caller caller, String volunteerId, Collection<String> teamIds, Registry registry) {
        return caller.isVolunteer(volunteerId) || (caller.is(Role.ADMIN) && isDeskOfVolunteer(caller, teamIds, registry));
    }

    /**
     * A merchant (爱心超市), its items and the hand-over of what volunteers redeem there: the admins of the
     * merchant's area (or an area above it), as for the area's other registry entries.
     */
    public static void requireMerchantAdmin(Caller caller, String merchantAreaId, Registry registry) {
        requireAdminWithin(caller, Collections.singletonList(merchantAreaId), registry);
    }

    /**
     * A redemption's receipt: whoever reads the redeeming volunteer's points ({@link #seesPoints}) and the admins
     * of the merchant's area (or an area above it), who hand the item over; everyone else is told none exists.
     */
    public static boolean seesRedemption(Caller caller, boolean seesVolunteersPoints, String merchantAreaId,
                                         Registry registry) {
        return seesVolunteersPoints || isAdminWithin(caller, Collections.singletonList(merchantAreaId), registry);
    }

    /** The hand-over code of a redemption: the redeeming volunteer alone shows it; the merchant asks for it. */
    public static boolean seesHandOverCode(Caller caller, String volunteerId) {
        return caller.isVolunteer(volunteerId);
    }

    /** Redeeming points: a volunteer, for themself alone (the token's volunteer claim names whose points). */
    public static String requireRedeemer(Caller caller) {
        if (!caller.is(Role.VOLUNTEER) || caller.volunteerId() == null) {
            throw Problem.forbidden("only a volunteer redeems points, their own");
        }
        return caller.volunteerId();
    }

    public static void requireRead(Caller caller, ServiceRequest request, Registry registry) {
        if (!canRead(caller, request, registry)) {
            throw Problem.notFound("request " + request.id());
        }
    }

    /** Registry writes (categories, areas, teams, volunteers) and other admin-only changes. */
    public static void requireAdmin(Caller caller) {
        if (!caller.is(Role.ADMIN)) {
            throw Problem.forbidden("only an admin may do this");
        }
    }

    /** What every district shares (categories, the channels' clocks): the admins of the whole deployment. */
    public static void requireDeploymentAdmin(Caller caller) {
        requireAdmin(caller);
        if (!isDeploymentAdmin(caller)) {
            throw Problem.forbidden("every district shares this: only an admin of the whole deployment changes it");
        }
    }

    /**
     * An admin's registry writes stay below their own area: every area named (a new area's parent, a team's areas)
     * lies within it; a null id, the top of the tree, lies within no area. Admins of the whole deployment write
     * anywhere.
     */
    public static void requireAdminWithin(Caller caller, Collection<String> areaIds, Registry registry) {
        requireAdmin(caller);
        if (!isAdminWithin(caller, areaIds, registry)) {
            throw Problem.forbidden("you administer " + caller.areaId() + " and what lies below it, not this");
        }
    }

    /** An admin of the whole deployment, or of an area that holds every one of these. */
    private static boolean isAdminWithin(Caller caller, Collection<String> areaIds, Registry registry) {
        return isDeploymentAdmin(caller) || (caller.is(Role.ADMIN)
                && areaIds.stream().allMatch(a -> a != null && registry.isWithin(a, caller.areaId())));
    }

    /**
     * Registering a volunteer and changing their record: an admin whose area holds every area of the teams they
     * join or serve in (any admin for a volunteer of no team), as for the registry's other writes.
     */
    public static void requireVolunteerAdmin(Caller caller, Collection<String> teamIds, Registry registry) {
        requireAdminWithin(caller, teamIds.stream().flatMap(t -> registry.team(t).stream())
                .flatMap(t -> t.areaIds().stream()).toList(), registry);
    }

    /**
     * Alerts: dispatchers and admins of the alert's area or an area above it; everyone else is told none exists.
     */
    public static boolean seesAlert(Caller caller, Alert alert, Registry registry) {
        return deskOf(caller, alert.scope(), registry);
    }

    /** Alerts and the SLA report are the dispatch desk's tools: dispatchers and admins. */
    public static void requireDesk(Caller caller) {
        if (!isDesk(caller)) {
            throw Problem.forbidden("only dispatchers and admins see alerts and reports");
        }
    }
}
