package diandan.local.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import diandan.devkit.RepoRoot;
import diandan.port.request.TeamLoadRepository;

/**
 * A short day (one virtual hour, teams and dispatcher on duty around the clock, quick service and
 * certification, so that every step and every schedule runs), twice from one seed: the second time a load
 * that counts a request no team holds is planted before the checks.
 */
class SimulationTest {
    private static final Duration SHORT = Duration.ofHours(1);

    @Test
    void aRunIsReproducibleFromItsSeedAndTheChecksCatchAPlantedViolation(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("short.json");
        Files.writeString(file, """
                {"seed": 7,
                 "demand": {"requestsPerDay": 480,
                            "hourly": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]},
                 "teams": {"duty": "00:00-23:59", "acceptMinutes": {"median": 2, "p90": 5},
                           "resolveMinutes": {"median": 8, "p90": 15}, "wishClaimMinutes": {"median": 5, "p90": 10}},
                 "dispatcher": {"everyMinutes": 5, "duty": "00:00-23:59"},
                 "certification": {"afterMinutes": {"median": 3, "p90": 6}}}
                """);
        Scenario scenario = Scenario.load(RepoRoot.find(), file);
        List<String> beforePlanting = new ArrayList<>();

        Outcome clean = Simulation.run(RepoRoot.find(), scenario, SHORT);
        Outcome planted = Simulation.run(RepoRoot.find(), scenario, SHORT, simulation -> {
            beforePlanting.addAll(Invariants.check(simulation));
            String team = simulation.teams.keySet().iterator().next();
            Instant now = simulation.clock.instant();
            simulation.wiring.loads.record(team, "r-planted", 1, TeamLoadRepository.Counting.COUNTS, now, now);
        });

        assertTrue(clean.submitted() > 5, "the short day has requests: " + clean.fingerprint());
        assertTrue(clean.certifiedRecords() > 0, "hours were recorded and certified: " + clean.fingerprint());
        assertEquals(List.of(), clean.violations());
        assertEquals(List.of(), clean.errors());
        assertEquals(clean.fingerprint(), planted.fingerprint(), "the same seed, the same run");
        assertEquals(List.of(), beforePlanting);
        assertFalse(planted.passed());
        assertTrue(planted.violations().stream().anyMatch(v -> v.startsWith("load: team ") && v.contains("r-planted")),
                "the planted load is reported: " + planted.violations());
    }
}
