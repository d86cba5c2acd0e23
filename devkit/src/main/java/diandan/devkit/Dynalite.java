package diandan.devkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local DynamoDB engine: dynalite (npm, pinned by tools/dynalite/package-lock.json), run as a child
 * process on a loopback port. Installs itself with {@code npm ci} on first use, so that a fresh clone needs
 * only Node and npm.
 */
public final class Dynalite implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening at: \\S+:(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final int STARTS = 3;
    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts dynalite on a free port; {@code dataDir} keeps data across restarts, null keeps it in memory. Engines
     * started at once (parallel test JVMs) may look up the same free port: the one that loses it starts again on
     * another.
     */
    public static Dynalite start(Path dataDir) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(freePort(), dataDir);
            } catch (ExitedBeforeListening portTaken) {
                if (attempt == STARTS) {
                    throw portTaken;
                }
            }
        }
    }

    /** Starts dynalite on {@code port}, as {@link #start(Path)}. */
    public static Dynalite start(int port, Path dataDir) {
        Path cli = ensureInstalled();
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0",
                "--updateTableMs", "0"));
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + dataDir, e);
            }
            command.add("--path");
            command.add(dataDir.toString());
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite (is node on the PATH?)", e);
        }
        return new Dynalite(process, announcedPort(process, STARTUP));
    }

    /**
     * The port dynalite says it listens on: it prints that once it listens, so no polling for the socket, and no
     * mistaking another engine that answers on the port for this one. Its output is drained after that.
     */
    private static int announcedPort(Process process, Duration timeout) {
        CompletableFuture<Integer> announced = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        announced.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                announced.completeExceptionally(e);
            }
            announced.completeExceptionally(new IllegalStateException("dynalite exited"));
        }, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return announced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IllegalStateException("interrupted while starting dynalite", e);
        } catch (ExecutionException e) {
            stop(process);
            throw new ExitedBeforeListening("dynalite exited before it listened (exit code " + process.exitValue() + ")", e);
        } catch (TimeoutException e) {
            stop(process);
            throw new IllegalStateException("dynalite did not listen within " + timeout, e);
        }
    }

    /** The engine stopped before it listened: its port was taken, say. */
    private static final class ExitedBeforeListening extends IllegalStateException {
        ExitedBeforeListening(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Installs dynalite from the lock file when it is not installed yet; returns its command-line entry. Test JVMs
     * run side by side (forks, parallel modules): a file lock lets one of them install while the others wait.
     */
    public static synchronized Path ensureInstalled() {
        Path tools = RepoRoot.find().resolve("tools/dynalite");
        Path cli = tools.resolve("node_modules/dynalite/cli.js");
        if (Files.exists(cli)) {
            return cli;
        }
        try (FileChannel lockFile = FileChannel.open(tools.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lockFile.lock(); // released when the channel closes
            if (Files.exists(cli)) {
                return cli;
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(tools.toFile()).inheritIO().start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + tools + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npm (is Node >= 20 on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite", e);
        }
        return cli;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * A client for this engine, with dummy credentials (dynalite checks their form, not their value), seen by
     * {@code interceptors} (a {@link StoreProbe}, say).
     */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors)))
                .build();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the engine as a fault would: requests fail until {@link #start} runs again on the same port. */
    @Override
    public void close() {
        stop(process);
    }

    /** Stops a server this kit started: politely first, then by force, so that no test leaves one behind. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a local server process listens on its loopback port within the timeout (false once it exits). */
    static boolean awaitListening(Process process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
