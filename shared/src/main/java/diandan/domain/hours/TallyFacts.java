package diandan.domain.hours;

import java.time.LocalDate;

import diandan.domain.AreaPath;

/** What decides which tallies a record counts in: who, which team, where, what kind, which day. */
public record TallyFacts(String volunteerId, String teamId, AreaPath area, String category, LocalDate date) {
}
