package diandan.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Section 7: the DynamoDB calls each state-changing route makes one after another (section 2's "sequential calls"),
 * warm and on a container's first event, against its target ({@link Targets#roundTripsAllowed}). What runs together
 * and why is the code's to explain, not the measurement's: that prose is {@link #PROSE}, included as it stands.
 */
final class RoundTrips {
    /** The prose after the table, from the repository's root: edited there, written into docs/performance.md. */
    static final Path PROSE = Path.of("docs/round-trips.md");

    /** A state-changing route's sequential calls: the mean of the warm calls, and a new handler's first. */
    record Route(String key, double warm, int firstEvent) {
        int allowed() {
            return Targets.roundTripsAllowed(key);
        }

        boolean holdsWarm() {
            return warm <= allowed();
        }

        boolean holdsOnAFirstEvent() {
            return firstEvent <= allowed();
        }
    }

    private RoundTrips() {
    }

    /** The state-changing routes among those measured, in their order. */
    static List<Route> of(List<WarmRoutes.Result> warm) {
        return warm.stream().filter(r -> Targets.changesState(r.key()))
                .map(r -> new Route(r.key(), r.sequentialCalls(), r.firstEventSequentialCalls())).toList();
    }

    static void write(Markdown report, List<WarmRoutes.Result> warm, int costCalls, String prose) {
        report.heading(2, "7. Round trips, per state-changing route")
                .paragraph("In a region each DynamoDB call is a round trip of about 5 ms, so a route's latency is the "
                        + "number of calls it makes one after another. **Sequential calls** count them: calls made at the "
                        + "same time (`diandan.app.Together`, a thread per piece while the caller waits) count once; "
                        + "`StoreProbe` follows which call waited for which (a started thread inherits its starter's "
                        + "place), not the clock, so the counts do not depend on scheduling. Every route that changes "
                        + "state (all but the reads, `GET`; schedules aside), as section 2 measured it on the benchmark's "
                        + "district: **warm** the mean of its " + costCalls + " metered calls, caches loaded; **first "
                        + "event** a new handler's first call, its caches empty. Targets: at most "
                        + Targets.SUBMISSION_ROUND_TRIPS + " for a submission (`" + Targets.SUBMISSION + "`), at most "
                        + Targets.STATE_CHANGE_ROUND_TRIPS + " for every other state change.");
        Markdown.Table table = report.table("route", "sequential calls, warm:", "first event:", "target",
                "held warm", "held on a first event");
        for (Route r : of(warm)) {
            table.row("`" + r.key() + "`", Markdown.number(r.warm(), 1), r.firstEvent(), "≤ " + r.allowed(),
                    Markdown.holds(r.holdsWarm()), Markdown.holds(r.holdsOnAFirstEvent()));
        }
        table.end();
        report.paragraph(prose.strip());
    }
}
