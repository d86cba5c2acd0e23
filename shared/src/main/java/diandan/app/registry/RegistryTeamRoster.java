package diandan.app.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import diandan.port.registry.RegistryRepository;
import diandan.port.registry.TeamRoster;

/**
 * The roster as the team registry answers it: teams and their members from the registry snapshot (at most a
 * minute old, as routing reads them), a volunteer's name and phone from their own item. A volunteer's teams
 * are the teams listing them as members.
 */
public final class RegistryTeamRoster implements TeamRoster {
    private final RegistryCache registry;
    private final RegistryRepository store;

    public RegistryTeamRoster(RegistryCache registry, RegistryRepository store) {
        this.registry = registry;
        this.store = store;
    }

    @Override
    public Optional<Team> team(String teamId) {
        return registry.get().team(teamId).map(team -> new Team(team.id(), team.name()));
    }

    @Override
    public Optional<Volunteer> volunteer(String volunteerId) {
        return store.findVolunteer(volunteerId).map(v -> new Volunteer(v.id(), v.name(), v.phone(),
                registry.get().teamsOf(v.id()), v.volunteerNumber(), v.identity() == null ? null : v.identity().type().code(),
                v.identity() == null ? null : v.identity().masked()));
    }

    @Override
    public Map<String, diandan.domain.Volunteer> registered(Collection<String> volunteerIds) {
        return store.findVolunteers(volunteerIds).stream()
                .collect(Collectors.toMap(diandan.domain.Volunteer::id, v -> v));
    }

    @Override
    public boolean isMember(String volunteerId, String teamId) {
        return registry.get().team(teamId).map(team -> team.members().contains(volunteerId)).orElse(false);
    }
}
