package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./run-local} given what it cannot do: one line saying why on standard error, a non-zero exit. */
class CommandLineTest {
    @TempDir
    Path state;

    record Outcome(int exit, String out, String err) {
    }

    Outcome run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withState = Stream.concat(Stream.of(args), Stream.of("--state-dir", state.toString()))
                .toArray(String[]::new);
        int exit = Main.run(withState, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void oneLineError(Outcome outcome, String says) {
        assertNotEquals(0, outcome.exit(), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
        assertTrue(outcome.err().contains(says), outcome.err());
        assertFalse(outcome.err().contains("Exception"), outcome.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999", "65536", "-1", "abc", "3000.5", "0x50"})
    void aPortThatIsNoPortIsOneLineAndNonZero(String port) throws Exception {
        oneLineError(run("--port", port, "--in-memory"), "--port");
    }

    @Test
    void aPortInUseIsOneLineAndNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            oneLineError(run("--port", Integer.toString(taken.getLocalPort()), "--in-memory"),
                    Integer.toString(taken.getLocalPort()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wizard", "resident,wizard", "Admin", "ADMIN", " ", "team-leader"})
    void aTokenForARoleThereIsNotIsRefusedNamingTheRolesThereAre(String role) throws Exception {
        Outcome outcome = run("token", "--role", role, "--sub", "someone");
        oneLineError(outcome, "resident, volunteer, team_leader, dispatcher, admin");
        assertEquals("", outcome.out(), "no token is printed");
    }

    @Test
    void aTokenForRolesThereAreIsPrinted() throws Exception {
        Outcome outcome = run("token", "--role", "team_leader,volunteer", "--sub", "someone");
        assertEquals(0, outcome.exit(), outcome.err());
    }
}
