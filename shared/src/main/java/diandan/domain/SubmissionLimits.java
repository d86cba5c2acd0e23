package diandan.domain;

/**
 * How much one resident may ask of the desk: open requests at once, and submissions per hour. Operators
 * submitting on a resident's behalf are not limited: they are the desk.
 */
public record SubmissionLimits(int maxOpenPerResident, int maxPerHour) {
    /** Ten open requests and twenty submissions an hour: far above an honest resident's needs. */
    public static final SubmissionLimits DEFAULT = new SubmissionLimits(10, 20);

    public SubmissionLimits {
        if (maxOpenPerResident < 1 || maxPerHour < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public void check(long openNow, long submittedLastHour) {
        if (openNow >= maxOpenPerResident) {
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS, "you have " + openNow
                    + " open requests; close or cancel one before submitting another (limit " + maxOpenPerResident + ")");
        }
        if (submittedLastHour >= maxPerHour) {
            throw new Problem(Problem.Kind.TOO_MANY_REQUESTS,
                    "at most " + maxPerHour + " requests an hour; try again later");
        }
    }
}
