package diandan.domain.menu;

import diandan.domain.Codes;

/**
 * What became of a resident's order of a project: the request went to the project's team ({@link Outcome#ORDERED}),
 * or it was routed as any request of its category, for the reason given.
 */
public record MenuOrder(String projectId, Outcome outcome) {
    /** Why an order went where it went; the codes the API shows. */
    public enum Outcome {
        /** Sent to the project's team, counted in the project's week or session. */
        ORDERED,
        /** The project's week or session has taken all the orders it takes. */
        FULL,
        /** The project, or its team, is paused. */
        PAUSED,
        /** The project does not serve the resident's community (or its team no longer serves it or its category). */
        NOT_OFFERED_HERE,
        /** Only dated sessions were offered, and the last has ended. */
        ENDED,
        /** The project's team is at its capacity of open requests: team loads hold for project orders too. */
        TEAM_FULL;

        public String code() {
            return Codes.of(this);
        }
    }

    public boolean ordered() {
        return outcome == Outcome.ORDERED;
    }
}
