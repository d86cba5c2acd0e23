package diandan.app.registry;

import diandan.domain.Team;
import diandan.domain.TeamLoad;

/** A team with its current load: what the API shows of a team. */
public record TeamState(Team team, TeamLoad load) {
}
