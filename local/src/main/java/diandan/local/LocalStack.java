package diandan.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;

import diandan.adapter.log.Log;
import diandan.devkit.Dynalite;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole template on one machine: dynalite with the template's table, the demo data, every function's
 * handler in this JVM, the HTTP API and Lambda's Invoke API on one port, and the schedules. Closing it stops
 * taking requests, lets those in progress and a running tick finish, then stops the engine.
 */
public final class LocalStack implements AutoCloseable {
    /**
     * How the stack runs. {@code console} gets the banner, warnings and the functions' log lines (their INFO
     * lines only with {@code functionInfoLogs}); {@code invocations} gets each invocation.
     */
    public record Options(Path root, Path stateDir, int port, boolean inMemory, boolean functionInfoLogs,
                          boolean banner, Consumer<String> console, Consumer<Invocation> invocations) {
        public static final int DEFAULT_PORT = 3000;
        public static final String STATE_DIR = ".local";

        /** Port 3000, data kept in {@code .local/}, one log line per invocation on the console. */
        public static Options defaults(Path root, Consumer<String> console) {
            return new Options(root, root.resolve(STATE_DIR), DEFAULT_PORT, false, false, true, console,
                    invocation -> console.accept(invocation.logLine()));
        }

        public Options withStateDir(Path dir) {
            return new Options(root, dir, port, inMemory, functionInfoLogs, banner, console, invocations);
        }

        public Options withPort(int value) {
            return new Options(root, stateDir, value, inMemory, functionInfoLogs, banner, console, invocations);
        }

        public Options withInMemory(boolean value) {
            return new Options(root, stateDir, port, value, functionInfoLogs, banner, console, invocations);
        }

        public Options withFunctionInfoLogs(boolean value) {
            return new Options(root, stateDir, port, inMemory, value, banner, console, invocations);
        }

        public Options withBanner(boolean value) {
            return new Options(root, stateDir, port, inMemory, functionInfoLogs, value, console, invocations);
        }

        public Options withInvocations(Consumer<Invocation> value) {
            return new Options(root, stateDir, port, inMemory, functionInfoLogs, banner, console, value);
        }
    }

    /** Requests in progress at a stop get this long to finish: longer than any function's timeout here. */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final int HTTP_THREADS = 16;
    static final String PORT_FILE = "stack.port";

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms on every response. Read once, when the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Options options;
    private final Dynalite engine;
    private final DynamoDbClient client;
    private final String table;
    private final Map<String, LambdaFunction> functions;
    private final ApiRoutes routes;
    private final Schedules schedules;
    private final LocalEventBus bus;
    private final Path messages;
    private final HttpServer server;
    private final ExecutorService workers;
    private final InFlight inFlight;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(Options options, Dynalite engine, DynamoDbClient client, String table,
                       Map<String, LambdaFunction> functions, ApiRoutes routes, Schedules schedules, LocalEventBus bus,
                       Path messages, HttpServer server, ExecutorService workers, InFlight inFlight) {
        this.options = options;
        this.engine = engine;
        this.client = client;
        this.table = table;
        this.functions = functions;
        this.routes = routes;
        this.schedules = schedules;
        this.bus = bus;
        this.messages = messages;
        this.server = server;
        this.workers = workers;
        this.inFlight = inFlight;
    }

    public static LocalStack start(Options options) throws IOException {
        Consumer<String> console = options.console();
        OptionalInt running = runningPort(options.stateDir());
        if (running.isPresent() && !options.inMemory()) {
            throw new IllegalStateException("a local stack already runs on port " + running.getAsInt()
                    + " with the data in " + options.stateDir() + ": stop it first, or start with --in-memory");
        }
        Template template = Template.load(options.root().resolve("template.yaml"));
        TableDefinition definition = TableDefinition.fromTemplate(template);
        String table = LocalAccount.physicalName(TableDefinition.logicalId(template));
        Path dataDir = options.inMemory() ? null : options.stateDir().resolve("dynalite");
        Dynalite engine = Dynalite.start(dataDir);
        DynamoDbClient client = engine.client();
        try {
            TableSetup.Outcome outcome = TableSetup.ensure(client, table, definition);
            if (outcome == TableSetup.Outcome.REBUILT) {
                console.accept("warning: the kept table's keys or indexes differed from template.yaml: "
                        + "made it anew from the template, items kept");
            }
            boolean demo = DemoData.loadOnce(client, table, TableSetup.keyNames(definition), options.root());

            Log.sink(line -> {
                if (options.functionInfoLogs() || !line.contains("\"level\":\"INFO\"")) {
                    console.accept(line);
                }
            });
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            Path messages = options.stateDir().resolve(LocalMessages.FILE_NAME);
            Map<String, String> localServices = Map.of(
                    "EVENTS_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort() + LocalEventBus.PATH,
                    "NOTIFY_RECORD_FILE", messages.toAbsolutePath().toString(),
                    // no KMS here: identity documents are sealed under the local master key (LocalKeyService)
                    "FIELD_KEY_ID", "");
            Map<String, LambdaFunction> functions = functions(template, engine, localServices, console);
            LocalSigningKey key = LocalSigningKey.loadOrCreate(options.stateDir());
            ApiRoutes routes = ApiRoutes.fromTemplate(template, authorizers(template, key));
            Clock clock = Clock.systemUTC();
            Consumer<Invocation> invocations = options.invocations();
            Schedules schedules = new Schedules(Schedules.fromTemplate(template, clock.instant()), functions, clock,
                    invocations);

            AtomicInteger threads = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(HTTP_THREADS, runnable -> {
                Thread thread = new Thread(runnable, "http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            InFlight inFlight = new InFlight();
            HttpApiGateway gateway = new HttpApiGateway(routes, functions, clock, invocations);
            server.createContext("/", inFlight.guard(new ConsoleSite(options.root(), routes, gateway)));
            server.createContext(ApiDescription.CONTEXT, inFlight.guard(new ApiDescription(options.root(), routes, gateway)));
            server.createContext(InvokeApi.PATH_PREFIX, inFlight.guard(new InvokeApi(functions, aliases(template),
                    workers, invocations)));
            LocalEventBus bus = new LocalEventBus(template.busRules(), functions, workers, invocations);
            server.createContext(LocalEventBus.PATH, inFlight.guard(bus));
            server.createContext(LocalMessages.PATH, inFlight.guard(new LocalMessages(messages)));
            server.createContext(LocalSignIn.PATH, inFlight.guard(new LocalSignIn(LocalSignIn.load(options.root()), key,
                    clock)));
            server.setExecutor(workers);
            LocalStack stack = new LocalStack(options, engine, client, table, functions, routes, schedules, bus,
                    messages, server, workers, inFlight);
            server.start();
            schedules.start();
            if (!options.inMemory()) {
                // how `./run-local invoke` finds this stack, whose engine holds the data folder
                Files.createDirectories(options.stateDir());
                Files.writeString(options.stateDir().resolve(PORT_FILE), Integer.toString(stack.port()));
            }
            if (options.banner()) {
                stack.printBanner(outcome, demo, dataDir);
            }
            return stack;
        } catch (RuntimeException | IOException e) {
            client.close();
            engine.close();
            throw e;
        }
    }

    /**
     * Each function with its environment: Globals and its own variables resolved, plus the local endpoints (the
     * engine's, and {@code localServices}: the in-process bus and the messages file).
     */
    private static Map<String, LambdaFunction> functions(Template template, Dynalite engine,
                                                         Map<String, String> localServices, Consumer<String> console) {
        TemplateValues values = new TemplateValues(template);
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        for (Template.Function definition : template.functions()) {
            String id = definition.logicalId();
            Map<String, String> environment = new LinkedHashMap<>();
            definition.environment().forEach((name, value) -> {
                try {
                    values.resolve(value).ifPresent(resolved -> environment.put(name, resolved));
                } catch (NotResolvedLocally e) {
                    console.accept("warning: " + id + ": " + name + " is left unset: " + e.getMessage());
                }
            });
            environment.put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
            environment.putAll(localServices);
            environment.put("AWS_REGION", LocalAccount.REGION);
            environment.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
            environment.put("AWS_LAMBDA_FUNCTION_NAME", LocalAccount.physicalName(id));
            Object reserved = template.properties(id).get("ReservedConcurrentExecutions");
            LambdaFunction function = LambdaFunction.load(id, definition.handler(), definition.timeoutSeconds(),
                    environment, reserved instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty(),
                    line -> console.accept(id + " " + line));
            FunctionError problem = function.warmUp();
            if (problem != null && function.unavailable() != null) {
                console.accept("warning: " + id + " is skipped: " + problem.getMessage() + " (not built yet?);"
                        + " its routes answer 500 and its schedules log an error until it is");
            } else if (problem != null) {
                console.accept("warning: " + id + " failed to start: " + problem.getMessage());
            }
            functions.put(id, function);
        }
        return Map.copyOf(functions);
    }

    /** The alias each function publishes ({@code AutoPublishAlias}, its own or from Globals), by logical id. */
    private static Map<String, String> aliases(Template template) {
        Map<String, String> aliases = new LinkedHashMap<>();
        Object global = template.globalFunctionProperty("AutoPublishAlias");
        for (Template.Function function : template.functions()) {
            Object alias = template.properties(function.logicalId()).getOrDefault("AutoPublishAlias", global);
            if (alias instanceof String name) {
                aliases.put(function.logicalId(), name);
            }
        }
        return Map.copyOf(aliases);
    }

    /** The JWT authorizers of every HTTP API in the template, by API and name, with issuer and audience resolved. */
    private static Map<String, Map<String, JwtAuthorizer>> authorizers(Template template, LocalSigningKey key) {
        TemplateValues values = new TemplateValues(template);
        Map<String, Map<String, JwtAuthorizer>> byApi = new LinkedHashMap<>();
        for (String api : template.resourcesOfType("AWS::Serverless::HttpApi")) {
            Map<String, JwtAuthorizer> byName = new LinkedHashMap<>();
            ApiRoutes.map(ApiRoutes.map(template.properties(api).get("Auth")).get("Authorizers")).forEach((name, body) -> {
                Map<String, Object> jwt = ApiRoutes.map(ApiRoutes.map(body).get("JwtConfiguration"));
                if (!jwt.isEmpty()) {
                    List<String> audiences = new ArrayList<>();
                    Object audience = jwt.get("audience");
                    for (Object one : audience instanceof List<?> list ? list : List.of(audience)) {
                        values.resolve(one).ifPresent(audiences::add);
                    }
                    byName.put(name, new JwtAuthorizer(key, values.resolve(jwt.get("issuer")).orElseThrow(), audiences));
                }
            });
            byApi.put(api, byName);
        }
        return byApi;
    }

    /** The port of a stack running on this state folder, if one answers there. */
    static OptionalInt runningPort(Path stateDir) {
        Path file = stateDir.resolve(PORT_FILE);
        try {
            int port = Integer.parseInt(Files.readString(file).strip());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return OptionalInt.of(port);
            }
        } catch (IOException | NumberFormatException notRunning) {
            return OptionalInt.empty();
        }
    }

    /** Runs one JSON event through one function, as the Invoke API does. */
    byte[] invoke(String functionId, byte[] payload) throws FunctionError, Throttled {
        LambdaFunction function = functions.get(functionId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + functionId + " in template.yaml; there are "
                    + String.join(", ", new java.util.TreeSet<>(functions.keySet())));
        }
        return function.invokeJson(payload, java.util.UUID.randomUUID().toString());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void printBanner(TableSetup.Outcome outcome, boolean demo, Path dataDir) {
        Consumer<String> out = options.console();
        long scheduled = schedules.entries().size();
        out.accept("Diandan local stack: template.yaml with " + functions.size() + " functions, " + routes.all().size()
                + " routes, " + scheduled + " schedule" + (scheduled == 1 ? "" : "s"));
        out.accept("  Console     " + baseUri() + "/  (the desk's web pages; sign in as a demo persona)");
        out.accept("  HTTP API    " + baseUri());
        out.accept("  Invoke API  " + baseUri() + InvokeApi.PATH_PREFIX + "{FunctionName}/invocations");
        out.accept("  OpenAPI     " + baseUri().resolve(ApiDescription.YAML_PATH) + "  (a list of the operations: "
                + baseUri().resolve(ApiDescription.CONTEXT) + ")");
        out.accept("  DynamoDB    " + engine.endpoint() + "  table " + table + ", "
                + (dataDir == null ? "in memory" : "data kept in " + shown(dataDir))
                + (outcome == TableSetup.Outcome.CREATED ? " (new)" : "") + (demo ? ", demo data loaded" : ""));
        out.accept("  JWT         issuer " + LocalAccount.JWT_ISSUER + ", audience " + LocalAccount.JWT_AUDIENCE
                + ", key " + shown(options.stateDir().resolve(LocalSigningKey.FILE_NAME)));
        for (ApiRoutes.Route route : routes.all()) {
            out.accept("  route       " + route.routeKey() + " -> " + route.functionId()
                    + (route.authorizer() == null ? " (no authorizer)" : ""));
        }
        for (Schedules.Entry entry : schedules.entries()) {
            out.accept("  schedule    " + entry.functionId() + " " + entry.eventId() + " " + entry.source());
        }
        for (Template.BusRule rule : bus.rules()) {
            out.accept("  bus rule    " + rule.functionId() + " " + rule.eventId() + " " + rule.pattern());
        }
        out.accept("  Messages    appended to " + shown(messages) + ", served at " + baseUri() + LocalMessages.PATH
                + "  (what the notifier would send; ?requestId= for one request's)");
        out.accept("Try:");
        out.accept("  TOKEN=$(./run-local token --role resident --sub resident-demo | tail -1)");
        out.accept("  curl -s -H \"Authorization: Bearer $TOKEN\" " + baseUri() + "/categories");
        out.accept("Ctrl-C stops.");
    }

    private String shown(Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(options.root()) ? options.root().relativize(absolute).toString() : absolute.toString();
    }

    /** Stops taking requests, lets those in progress and a running tick finish, then stops the engine. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            int unfinished = inFlight.drain(DRAIN);
            if (unfinished > 0) {
                options.console().accept("warning: " + unfinished + " requests did not finish within " + DRAIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        schedules.close();
        workers.shutdown();
        try {
            workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        engine.close();
        try {
            if (!options.inMemory()) {
                Files.deleteIfExists(options.stateDir().resolve(PORT_FILE));
            }
        } catch (IOException e) {
            options.console().accept("warning: cannot remove " + PORT_FILE + ": " + e.getMessage());
        }
        if (options.banner()) {
            options.console().accept("Stopped.");
        }
    }
}
