package diandan.local;

import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import diandan.devkit.RepoRoot;
import diandan.domain.Role;

/**
 * {@code ./run-local}: starts the local stack (default), prints a token, invokes one function with one event,
 * or runs the small load test. Usage errors exit with 2, a failed invocation with 1.
 */
public final class Main {
    static final String USAGE = """
            usage: ./run-local [--port N] [--in-memory] [--verbose]      start the stack (Ctrl-C stops it)
                   ./run-local token --role R[,R...] --sub S [--team T] [--area A] [--volunteer V]
                   ./run-local invoke FUNCTION [-e events/FILE.json]      one event through one function
                   ./run-local bench [--requests N]                       p50/p99 of POST /requests and GET /requests/{id}
                   ./run-local simulate [SCENARIO.json] [--days N|--hours H] [--scale K] [--sweep] [--parallel P] [--out DIR]
                                                                          a district's day on virtual time (docs/simulation.md)
            every command: --state-dir DIR (default .local/: the signing key, the data)""";

    /** A command line that cannot be run: the message and the usage go to standard error. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** An option whose value cannot be used: one line saying why is clearer than the whole usage. */
    static final class BadValueException extends Exception {
        BadValueException(String message) {
            super(message);
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path root = RepoRoot.find();
        try {
            Arguments arguments = Arguments.parse(args);
            if (arguments.flag("help") || arguments.flag("h") || arguments.command().equals("help")) {
                out.println(USAGE);
                return 0;
            }
            Path stateDir = arguments.option("state-dir").map(Path::of).map(Path::toAbsolutePath)
                    .orElse(root.resolve(LocalStack.Options.STATE_DIR));
            LocalStack.Options options = LocalStack.Options.defaults(root, out::println).withStateDir(stateDir);
            return switch (arguments.command()) {
                case "start" -> start(arguments, options);
                case "token" -> token(arguments, stateDir, out);
                case "invoke" -> invoke(arguments, options, root, out, err);
                case "bench" -> Bench.run(options, arguments.intOption("requests", Bench.DEFAULT_REQUESTS), out);
                case "simulate" -> simulate(arguments, root, out);
                default -> throw new UsageException("unknown command " + arguments.command());
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (BadValueException e) {
            err.println("run-local: " + e.getMessage());
            return 2;
        } catch (BindException e) {
            err.println("run-local: the port is taken (" + e.getMessage() + "): choose another with --port");
            return 1;
        } catch (IllegalStateException e) {
            err.println("run-local: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            return 1;
        }
    }

    private static int start(Arguments arguments, LocalStack.Options defaults) throws Exception {
        arguments.allowOnly("port", "in-memory", "verbose", "state-dir");
        int port = port(arguments);
        LocalStack stack;
        try {
            stack = LocalStack.start(defaults.withPort(port).withInMemory(arguments.flag("in-memory"))
                    .withFunctionInfoLogs(arguments.flag("verbose")));
        } catch (BindException e) {
            throw new BadValueException("port " + port + " is taken (" + e.getMessage() + "): choose another with --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGINT (Ctrl-C) and SIGTERM run the shutdown hooks: the stack drains and stops before the JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stop"));
        stopped.await();
        return 0;
    }

    /** {@code --port}: 0 (any free port) to 65535; the default when not given. */
    private static int port(Arguments arguments) throws BadValueException {
        String given = arguments.option("port").orElse(null);
        if (given == null) {
            return LocalStack.Options.DEFAULT_PORT;
        }
        if (!given.matches("\\d{1,5}") || Integer.parseInt(given) > 65_535) {
            throw new BadValueException("--port " + given + " is not a port: give a number from 0 to 65535 "
                    + "(0: any free port)");
        }
        return Integer.parseInt(given);
    }

    private static int token(Arguments arguments, Path stateDir, PrintStream out)
            throws UsageException, BadValueException {
        arguments.allowOnly("role", "sub", "team", "area", "volunteer", "state-dir");
        String sub = arguments.option("sub").filter(s -> !s.isBlank())
                .orElseThrow(() -> new UsageException("token needs --sub"));
        List<String> roles = List.of(arguments.option("role").orElseThrow(() -> new UsageException("token needs --role"))
                .strip().split("[,\\s]+"));
        for (String role : roles) {
            if (Role.fromGroup(role).isEmpty()) {
                // a token for a group no role has would be refused by every route: say so now
                throw new BadValueException("--role " + (role.isEmpty() ? "''" : role) + " is not a role; the roles are "
                        + Arrays.stream(Role.values()).map(Role::group).collect(Collectors.joining(", ")));
            }
        }
        LocalTokens.Subject subject = new LocalTokens.Subject(sub, roles, arguments.option("team").orElse(null),
                arguments.option("area").orElse(null), arguments.option("volunteer").orElse(null));
        Instant now = Instant.now();
        String token = LocalTokens.issue(LocalSigningKey.loadOrCreate(stateDir), subject, now, LocalTokens.VALIDITY);
        out.println("# bearer token for " + sub + " " + roles + ", valid until " + now.plus(LocalTokens.VALIDITY)
                + " (issuer " + LocalAccount.JWT_ISSUER + ", audience " + LocalAccount.JWT_AUDIENCE + ")");
        out.println(token);
        return 0;
    }

    private static int simulate(Arguments arguments, Path root, PrintStream out) throws Exception {
        arguments.allowOnly("days", "hours", "scale", "sweep", "parallel", "out", "state-dir");
        if (arguments.positional().size() > 1) {
            throw new UsageException("simulate takes at most one SCENARIO file");
        }
        Path scenario = arguments.positional().isEmpty() ? null : Path.of(arguments.positional().get(0)).toAbsolutePath();
        Double scale;
        try {
            scale = arguments.option("scale").map(Double::parseDouble).orElse(null);
        } catch (NumberFormatException e) {
            throw new UsageException("--scale takes a number");
        }
        Integer days = arguments.option("days").isPresent() ? arguments.intOption("days", 1) : null;
        Integer hours = arguments.option("hours").isPresent() ? arguments.intOption("hours", 24) : null;
        if (hours != null && hours < 1) {
            throw new BadValueException("--hours takes a number of hours, at least 1");
        }
        Path outDir = arguments.option("out").map(Path::of).map(Path::toAbsolutePath)
                .orElse(root.resolve("target/simulation"));
        try {
            return diandan.local.simulation.SimulateCommand.run(root, scenario, days, hours, scale, arguments.flag("sweep"),
                    arguments.intOption("parallel", 1), outDir, out);
        } catch (IllegalArgumentException e) {
            throw new BadValueException("the scenario: " + e.getMessage());
        }
    }

    /** Through the running stack when there is one (its engine holds the data), else on a stack of its own. */
    private static int invoke(Arguments arguments, LocalStack.Options defaults, Path root, PrintStream out,
                              PrintStream err) throws Exception {
        arguments.allowOnly("e", "event", "in-memory", "state-dir");
        if (arguments.positional().size() != 1) {
            throw new UsageException("invoke needs one FUNCTION (a logical id of template.yaml)");
        }
        String function = arguments.positional().get(0);
        Path eventFile = arguments.option("e").or(() -> arguments.option("event"))
                .map(given -> Files.exists(Path.of(given)) ? Path.of(given) : root.resolve(given)).orElse(null);
        byte[] payload = eventFile == null ? "{}".getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(eventFile);
        OptionalInt running = LocalStack.runningPort(defaults.stateDir());
        if (running.isPresent() && !arguments.flag("in-memory")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.getAsInt() + InvokeApi.PATH_PREFIX + function + "/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
            out.println(response.body());
            return response.statusCode() == 200 && response.headers().firstValue("X-Amz-Function-Error").isEmpty() ? 0 : 1;
        }
        try (LocalStack stack = LocalStack.start(defaults.withPort(0).withBanner(false)
                .withInMemory(arguments.flag("in-memory")).withInvocations(i -> err.println(i.logLine())))) {
            out.println(new String(stack.invoke(function, payload), StandardCharsets.UTF_8));
            return 0;
        } catch (FunctionError failed) {
            out.println(failed.payload());
            return 1;
        } catch (IllegalArgumentException unknown) {
            throw new UsageException(unknown.getMessage());
        }
    }

    /** {@code command positional... --name value --flag -e value}. */
    record Arguments(String command, List<String> positional, Map<String, String> options) {
        private static final String FLAG = "";

        static Arguments parse(String[] args) throws UsageException {
            List<String> positional = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("-")) {
                    String name = arg.replaceFirst("^--?", "");
                    boolean valued = i + 1 < args.length && !args[i + 1].startsWith("--")
                            && !List.of("in-memory", "verbose", "sweep").contains(name);
                    options.put(name, valued ? args[++i] : FLAG);
                } else {
                    positional.add(arg);
                }
            }
            String command = positional.isEmpty() ? "start" : positional.remove(0);
            return new Arguments(command, positional, options);
        }

        java.util.Optional<String> option(String name) {
            return java.util.Optional.ofNullable(options.get(name)).filter(v -> !v.equals(FLAG));
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }

        int intOption(String name, int fallback) throws UsageException {
            try {
                return option(name).map(Integer::parseInt).orElse(fallback);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " takes a number");
            }
        }

        void allowOnly(String... names) throws UsageException {
            for (String given : options.keySet()) {
                if (!List.of(names).contains(given)) {
                    throw new UsageException(command + " does not take -" + (given.length() > 1 ? "-" : "") + given);
                }
            }
            if (!command.equals("invoke") && !command.equals("simulate") && !positional.isEmpty()) {
                throw new UsageException(command + " takes no argument " + positional.get(0));
            }
        }
    }
}
