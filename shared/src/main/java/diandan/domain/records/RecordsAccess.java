package diandan.domain.records;

import java.util.Collection;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Role;
import diandan.domain.hours.HoursAccess;

/**
 * Who reads and who writes a volunteer's trainings and awards: read by whoever sees their hours; recorded by a
 * leader of one of their teams or an admin of their teams' areas, never by the volunteer themself.
 */
public final class RecordsAccess {
    private RecordsAccess() {
    }

    public static void requireRead(Caller caller, String volunteerId, Collection<String> teamIds, Registry registry) {
        HoursAccess.requireVolunteerView(caller, volunteerId, teamIds, registry);
    }

    public static void requireRecord(Caller caller, String volunteerId, Collection<String> teamIds, Registry registry) {
        requireRead(caller, volunteerId, teamIds, registry);
        boolean leader = teamIds.stream().anyMatch(caller::leads) && !caller.names(volunteerId);
        boolean admin = caller.is(Role.ADMIN) && Access.isDeskOfVolunteer(caller, teamIds, registry);
        if (!leader && !admin) {
            throw Problem.forbidden("only a leader of the volunteer's team or an admin records their trainings and awards");
        }
    }
}
