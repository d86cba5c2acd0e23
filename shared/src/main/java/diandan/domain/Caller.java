package diandan.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as the verified token says: subject, groups, and the attributes that scope them
 * ({@code custom:team_id}, {@code custom:area_id}, {@code custom:volunteer_id}); absent attributes are null.
 */
public record Caller(String sub, Set<Role> roles, String teamId, String areaId, String volunteerId) {
    public Caller {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** A team leader of exactly this team: the claim decides, never the registry's list of leaders. */
    public boolean leads(String team) {
        return team != null && is(Role.TEAM_LEADER) && team.equals(teamId);
    }

    /** Acting as exactly this volunteer: group volunteer and the claim naming them, as for leaders. */
    public boolean isVolunteer(String volunteer) {
        return volunteer != null && is(Role.VOLUNTEER) && volunteer.equals(volunteerId);
    }

    /**
     * Whether the token names this volunteer, in whatever group: what forbids certifying one's own hours holds
     * for a token that names the person without granting the volunteer's rights.
     */
    public boolean names(String volunteer) {
        return volunteer != null && volunteer.equals(volunteerId);
    }
}
