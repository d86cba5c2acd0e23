package diandan.port.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions hours ask of the team registry, and no more: is this volunteer in that team, what are a team
 * and a volunteer called. The registry owns teams and volunteers; hours only read them.
 */
public interface TeamRoster {
    /** A team as certificates name it. */
    record Team(String id, String name) {
    }

    /**
     * A volunteer as certificates name them; the phone is personal data, shown masked. The national volunteer
     * number, the identity document's type and its masked number are null when not registered.
     */
    record Volunteer(String id, String name, String phone, List<String> teamIds, String volunteerNumber,
                     String identityType, String maskedIdentityNumber) {
        public Volunteer {
            teamIds = List.copyOf(teamIds);
        }
    }

    Optional<Team> team(String teamId);

    Optional<Volunteer> volunteer(String volunteerId);

    boolean isMember(String volunteerId, String teamId);

    /**
     * Those of these volunteers the registry knows, by id, as it stores them (name, national volunteer number,
     * identity document in its stored form): one read for a whole export.
     */
    Map<String, diandan.domain.Volunteer> registered(Collection<String> volunteerIds);
}
