package diandan.devkit;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * moto's server mode ({@code moto_server}, from {@code pip install 'moto[server]'}) on a loopback port: a local
 * stand-in for the AWS services DynamoDB's engine does not cover (EventBridge, SQS, SNS, Secrets Manager), for
 * testing the adapters' calls against their real wire protocols. It accepts any credentials.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MotoServer start() {
        int port = Dynalite.freePort();
        Process process;
        try {
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: pip install 'moto[server]' (.ci/run does)", e);
        }
        MotoServer server = new MotoServer(process, port);
        if (!Dynalite.awaitListening(process, port, Duration.ofSeconds(30))) {
            server.close();
            throw new IllegalStateException("moto_server did not listen on port " + port);
        }
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        Dynalite.stop(process);
    }
}
