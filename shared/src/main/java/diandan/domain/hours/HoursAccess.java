package diandan.domain.hours;

import java.util.Collection;
import java.util.Optional;

import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.AreaPath;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Role;

/**
 * Who may do what with hours (the roles table of docs/api.md): the team records and certifies
 * (谁组织谁记录，谁记录谁证明), never for themself; dispatchers and admins of the area certify too; a volunteer sees
 * and disputes their own.
 * A caller who may not see a record or a volunteer is told it does not exist (404); one who may see it but not
 * make the change is refused (403).
 */
public final class HoursAccess {
    private HoursAccess() {
    }

    public static boolean canRead(Caller caller, HoursRecord record, Registry registry) {
        return caller.isVolunteer(record.volunteerId()) || caller.leads(record.teamId()) || isDeskOf(caller, record, registry);
    }

    /** Dispatchers and admins of the record's area (or an area above it). */
    private static boolean isDeskOf(Caller caller, HoursRecord record, Registry registry) {
        return Access.administers(caller, record.area(), registry) || Access.dispatches(caller, record.area(), registry);
    }

    public static void requireRead(Caller caller, HoursRecord record, Registry registry) {
        if (!canRead(caller, record, registry)) {
            throw Problem.notFound("record " + record.id());
        }
    }

    /** Recording: only a leader of the team that served the request or organised the activity. */
    public static void requireRecord(Caller caller, String teamId) {
        if (!caller.leads(teamId)) {
            throw Problem.forbidden("only a leader of the team that served or organised it records hours for it");
        }
    }

    /** Certifying: a leader of the record's team other than its volunteer, or a dispatcher of the area, or an admin. */
    public static void requireCertify(Caller caller, HoursRecord record, Registry registry) {
        requireRead(caller, record, registry);
        if (isDeskOf(caller, record, registry)) {
            return;
        }
        if (!caller.leads(record.teamId())) {
            throw Problem.forbidden("only a leader of the team, a dispatcher of the area or an admin certifies hours");
        }
        if (caller.names(record.volunteerId())) {
            throw Problem.forbidden("nobody certifies their own hours: another leader, a dispatcher or an admin does");
        }
    }

    /** Activities: a team leader creates them for their own team, whose hours they then record. */
    public static void requireCreateActivity(Caller caller) {
        if (!caller.is(Role.TEAM_LEADER) || caller.teamId() == null) {
            throw Problem.forbidden("only a team leader creates activities, for their own team");
        }
    }

    /**
     * Sessions of an activity (creating them, showing their check-in code, seeing who signed up, certifying their
     * check-in records in one call): a leader of the organising team, or an admin of the activity's area.
     */
    public static void requireRunSessions(Caller caller, String teamId, AreaPath area, Registry registry) {
        if (!runsSessions(caller, teamId, area, registry)) {
            throw Problem.forbidden("only a leader of the organising team or an admin of its area runs its sessions");
        }
    }

    /** Whether the caller runs the sessions of this team's activity in this area: who sees the whole roster. */
    public static boolean runsSessions(Caller caller, String teamId, AreaPath area, Registry registry) {
        return caller.leads(teamId) || Access.administers(caller, area, registry);
    }

    /** Signing up, cancelling, confirming, checking in and out: a volunteer, for themself. */
    public static String requireVolunteer(Caller caller) {
        if (!caller.is(Role.VOLUNTEER) || caller.volunteerId() == null) {
            throw Problem.forbidden("only a volunteer signs up and checks in, for themself");
        }
        return caller.volunteerId();
    }

    /**
     * Which records a caller lists: the desk (admins, dispatchers) any team's or area's within its reach, a team
     * leader only their own team's, naming no other team and no area; a volunteer reads their own elsewhere.
     *
     * @return the team a leader lists, empty for the desk
     */
    public static Optional<String> requireList(Caller caller, String askedTeamId, String askedAreaId) {
        if (Access.isDesk(caller)) {
            return Optional.empty();
        }
        if (caller.is(Role.TEAM_LEADER) && caller.teamId() != null) {
            if ((askedTeamId != null && !caller.leads(askedTeamId)) || askedAreaId != null) {
                throw Problem.forbidden("a team leader lists their own team's records");
            }
            return Optional.of(caller.teamId());
        }
        throw Problem.forbidden("certifiers list records; a volunteer reads their own at /volunteers/{id}/hours");
    }

    /** Correcting: whoever records for the team; the correction then needs its own certification. */
    public static void requireCorrect(Caller caller, HoursRecord record, Registry registry) {
        requireRead(caller, record, registry);
        if (!caller.leads(record.teamId())) {
            throw Problem.forbidden("only a leader of the record's team corrects it");
        }
    }

    public static void requireDispute(Caller caller, HoursRecord record, Registry registry) {
        requireRead(caller, record, registry);
        if (!caller.isVolunteer(record.volunteerId())) {
            throw Problem.forbidden("only the volunteer disputes their own record");
        }
    }

    /** A volunteer's hours and certificate: the volunteer, leaders of their teams, the desk of their teams. */
    public static void requireVolunteerView(Caller caller, String volunteerId, Collection<String> teamIds,
                                            Registry registry) {
        boolean allowed = caller.isVolunteer(volunteerId) || teamIds.stream().anyMatch(caller::leads)
                || Access.isDeskOfVolunteer(caller, teamIds, registry);
        if (!allowed) {
            throw Problem.notFound("volunteer " + volunteerId);
        }
    }

    /** Exports of an area: dispatchers and admins whose own area is it or lies above it. */
    public static void requireExport(Caller caller, Area area, Registry registry) {
        if (!Access.isDesk(caller)) {
            throw Problem.forbidden("only dispatchers and admins export hours");
        }
        Access.requireWithinDeskReach(caller, area, registry);
    }
}
