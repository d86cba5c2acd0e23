package diandan.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.DynamoProjectOrders;
import diandan.adapter.dynamodb.DynamoProjectRatings;
import diandan.adapter.dynamodb.DynamoProjectRepository;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.http.JsonBody;
import diandan.adapter.http.ProjectViews;
import diandan.adapter.json.Json;
import diandan.app.menu.ProjectService;
import diandan.app.registry.RegistryCache;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo district's menu: {@code local/demo/projects.json}, {@code {projects: {<id>: <body of POST /projects>}}},
 * one or two projects for each team of the district over the categories it serves, each checked as a body is.
 * Loaded after the registry, so that every project finds its team and areas.
 */
final class DemoProjects {
    static final String FILE = "local/demo/projects.json";

    private DemoProjects() {
    }

    static void load(DynamoDbClient client, String table, Path file) {
        JsonNode projects;
        try {
            projects = Json.read(Files.readString(file)).path("projects");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Clock clock = Clock.systemUTC();
        ProjectService service = new ProjectService(new DynamoProjectRepository(client, table),
                new DynamoProjectOrders(client, table), new DynamoProjectRatings(client, table),
                new RegistryCache(new DynamoRegistryRepository(client, table), clock), clock);
        for (Iterator<Map.Entry<String, JsonNode>> it = projects.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> project = it.next();
            service.seed(project.getKey(), ProjectViews.form(JsonBody.parse(project.getValue().toString(),
                    ProjectViews.FIELDS)));
        }
    }
}
