package diandan.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.app.registry.RegistryEntries;
import diandan.app.registry.RegistrySeed;
import diandan.app.registry.RegistrySeed.Outcome;
import diandan.domain.Problem;
import diandan.port.ConcurrentChangeException;
import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code ./seed}: puts a registry file ({@code local/demo/registry.json}'s format) into a deployed stack's table, or
 * the local stack's, through the SDK with the functions' storage layout; exports a table's registry as such a file.
 * The file is checked whole first: a bad file is named, line by line, and nothing is written. Exit codes: 0 done,
 * 1 the file was refused or the store failed, 2 the command line cannot be run.
 */
public final class Seed {
    static final String USAGE = """
            usage: ./seed check FILE                                        check a registry file, write nothing
                   ./seed load FILE --table T [--dry-run] [--endpoint URL] [--region R]
                                                                            create and change what differs; report it
                   ./seed export --table T [--endpoint URL] [--region R]    the table's registry, as a file, on stdout
            --table: the stack's TableName output (the local stack prints its own, with its DynamoDB endpoint);
            --endpoint: a local engine (any credentials); without it the AWS SDK's region and credentials apply""";
    private static final Set<String> FLAGS = Set.of("dry-run", "help");
    private static final List<String> KINDS = List.of("area", "category", "volunteer", "team");

    private Seed() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--?", "");
            if (!args[i].startsWith("-")) {
                positional.add(args[i]);
            } else if (FLAGS.contains(name)) {
                options.put(name, "");
            } else if (Set.of("table", "endpoint", "region").contains(name) && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                return usage(err, "unknown option or missing value: " + args[i]);
            }
        }
        if (options.containsKey("help") || positional.isEmpty()) {
            out.println(USAGE);
            return positional.isEmpty() && !options.containsKey("help") ? 2 : 0;
        }
        String command = positional.get(0);
        try {
            return switch (command) {
                case "check" -> {
                    RegistryEntries file = read(positional, 2);
                    out.println("seed: " + positional.get(1) + " is a valid registry: " + file.areas().size() + " areas, "
                            + file.categories().size() + " categories, " + file.teams().size() + " teams, "
                            + file.volunteers().size() + " volunteers");
                    yield 0;
                }
                case "load" -> {
                    RegistryEntries file = read(positional, 2);
                    try (DynamoDbClient client = client(options)) {
                        print(seed(client, options).load(file, options.containsKey("dry-run")), out);
                    }
                    yield 0;
                }
                case "export" -> {
                    if (positional.size() != 1) {
                        yield usage(err, "export takes no file: it writes to standard output");
                    }
                    try (DynamoDbClient client = client(options)) {
                        out.print(RegistryFile.write(seed(client, options).export()));
                    }
                    yield 0;
                }
                default -> usage(err, "unknown command " + command);
            };
        } catch (UsageError e) {
            return usage(err, e.getMessage());
        } catch (Problem refused) {
            err.println("seed: the file is not a valid registry; nothing was written:");
            refused.errors().forEach(e -> err.println("  " + e.field() + ": " + e.message()));
            if (refused.errors().isEmpty()) {
                err.println("  " + refused.getMessage());
            }
            return 1;
        } catch (ConcurrentChangeException changed) {
            err.println("seed: " + changed.getMessage() + "; run it again to compare with what is stored now");
            return 1;
        } catch (StorageUnavailableException | SdkException | IllegalStateException failed) {
            err.println("seed: " + failed.getMessage() + (failed.getCause() == null ? "" : " (" + failed.getCause() + ")"));
            return 1;
        }
    }

    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("seed: " + message);
        err.println(USAGE);
        return 2;
    }

    private static RegistryEntries read(List<String> positional, int arguments) {
        if (positional.size() != arguments) {
            throw new UsageError(positional.get(0) + " takes one FILE");
        }
        Path file = Path.of(positional.get(1));
        if (!Files.isRegularFile(file)) {
            throw new UsageError("no file " + file);
        }
        return RegistryFile.read(file);
    }

    private static RegistrySeed seed(DynamoDbClient client, Map<String, String> options) {
        String table = options.get("table");
        if (table == null || table.isBlank()) {
            throw new UsageError("--table is required");
        }
        return new RegistrySeed(new DynamoRegistryRepository(client, table));
    }

    /** A local engine takes any credentials; AWS gets the SDK's own chain (profile, environment, SSO). */
    private static DynamoDbClient client(Map<String, String> options) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        String endpoint = options.get("endpoint");
        if (options.containsKey("region")) {
            builder.region(Region.of(options.get("region")));
        }
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
            if (!options.containsKey("region")) {
                builder.region(Region.US_EAST_1);
            }
            builder.credentialsProvider(System.getenv("AWS_ACCESS_KEY_ID") == null
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                    : DefaultCredentialsProvider.create());
        }
        return builder.build();
    }

    /** Ids only, never names or phone numbers: the report may be pasted into a ticket. */
    private static void print(RegistrySeed.Report report, PrintStream out) {
        String would = report.dryRun() ? "would be " : "";
        report.entries().stream().filter(e -> e.outcome() != Outcome.UNCHANGED)
                .forEach(e -> out.println(would + e.outcome().name().toLowerCase() + ": " + e.kind() + " " + e.id()));
        for (String kind : KINDS) {
            out.println(kind + "s: " + report.count(kind, Outcome.CREATED) + " " + would + "created, "
                    + report.count(kind, Outcome.CHANGED) + " " + would + "changed, "
                    + report.count(kind, Outcome.UNCHANGED) + " left alone");
        }
        out.println((report.dryRun() ? "dry run, nothing written: " : "done: ") + report.count(Outcome.CREATED)
                + " created, " + report.count(Outcome.CHANGED) + " changed, " + report.count(Outcome.UNCHANGED)
                + " left alone");
    }
}
