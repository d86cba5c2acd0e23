package diandan.port.menu;

/** The ratings of each project's orders, each request's counted once. */
public interface ProjectRatings {
    /** What a project's orders were rated: how many, and the sum of their scores. */
    record Tally(long ratings, long scoreSum) {
        public static final Tally NONE = new Tally(0, 0);
    }

    /** Adds a request's rating to its project's tally for {@code period} (yyyy-MM); again for the same request, nothing. */
    void record(String projectId, String period, String requestId, int score);

    /** Every period's ratings added up. */
    Tally tally(String projectId);
}
