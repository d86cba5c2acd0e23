package diandan.app.registry;

import java.util.List;

import diandan.domain.Volunteer;

/** A volunteer with the teams they serve in: what the API shows of a volunteer. */
public record VolunteerState(Volunteer volunteer, List<String> teamIds) {
}
