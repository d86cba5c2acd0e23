package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;

/**
 * Answers of the running stack (demo district, in memory) against docs/openapi.yaml: each status is one the
 * operation declares, each body valid against the schema declared for that status and media type.
 */
class DescribedAnswersTest {
    @TempDir
    static Path state;
    static final Path ROOT = RepoRoot.find();
    static final HttpClient http = HttpClient.newHttpClient();
    static LocalStack stack;
    static JsonNode document;
    static String resident;
    static String dispatcher;
    static String leader;

    @BeforeAll
    static void start() throws Exception {
        document = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(ApiDescription.FILE).toFile());
        stack = LocalStack.start(LocalStack.Options.defaults(ROOT, line -> { })
                .withStateDir(state).withPort(0).withInMemory(true).withBanner(false).withInvocations(i -> { }));
        resident = token("resident", "resident-described", null, null, null);
        dispatcher = token("dispatcher", "dispatcher-described", null, "weicheng", null);
        leader = token("team_leader", "u-leader-weicheng-xuanjiang", "weicheng-xuanjiang", null, null);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void registryAnswersMatchTheirSchemas() throws Exception {
        check("GET", "/categories", "/categories", resident, null, 200);
        check("GET", "/areas", "/areas", resident, null, 200);
        check("GET", "/teams", "/teams?limit=2", resident, null, 200);
        check("GET", "/teams/{id}", "/teams/weicheng-xuanjiang", resident, null, 200);
        check("GET", "/volunteers/{id}", "/volunteers/v0001", resident, null, 200);
        check("GET", "/clock-policy", "/clock-policy", resident, null, 200);
    }

    @Test
    void requestAnswersMatchTheirSchemas() throws Exception {
        JsonNode created = check("POST", "/requests", "/requests", resident, submission("app"), 201);
        check("GET", "/requests/{id}", "/requests/" + created.get("id").asText(), resident, null, 200);
        check("GET", "/requests", "/requests", dispatcher, null, 200);
        check("GET", "/wishes", "/wishes", resident, null, 200);
        check("GET", "/teams/{id}/requests", "/teams/weicheng-xuanjiang/requests", leader, null, 200);
        check("POST", "/requests/{id}/cancel", "/requests/" + created.get("id").asText() + "/cancel", resident,
                "{\"reason\":\"described\"}", 200);
    }

    @Test
    void aRequestsWholeLifeMatchesTheSchemas() throws Exception {
        JsonNode created = check("POST", "/requests", "/requests", resident, submission("app"), 201);
        String id = created.get("id").asText();
        String routed = token("team_leader", "routed-described", created.get("teamId").asText(), null, null);
        JsonNode declined = check("POST", "/requests/{id}/decline", "/requests/" + id + "/decline", routed,
                "{\"reason\":\"described\"}", 200);
        String team = declined.path("teamId").asText().equals("weicheng-falv") ? "wenhuilu-falv" : "weicheng-falv";
        check("POST", "/requests/{id}/dispatch", "/requests/" + id + "/dispatch", dispatcher,
                "{\"teamId\":\"" + team + "\",\"reason\":\"described\"}", 200);
        String teamLeader = token("team_leader", "leader-described", team, null, null);
        check("POST", "/requests/{id}/accept", "/requests/" + id + "/accept", teamLeader, null, 200);
        check("POST", "/requests/{id}/reply", "/requests/" + id + "/reply", teamLeader, "{\"message\":\"described\"}", 200);
        check("POST", "/requests/{id}/start", "/requests/" + id + "/start", teamLeader, null, 200);
        check("POST", "/requests/{id}/resolve", "/requests/" + id + "/resolve", teamLeader, "{\"summary\":\"described\"}", 200);
        JsonNode closed = check("POST", "/requests/{id}/rating", "/requests/" + id + "/rating", resident,
                "{\"score\":5,\"outcome\":\"resolved\"}", 200);
        assertEquals("closed", closed.get("status").asText());
        check("POST", "/requests/{id}/cancel", "/requests/" + id + "/cancel", resident, "{\"reason\":\"late\"}", 409);

        JsonNode wish = check("POST", "/requests", "/requests", resident, submission("wish_wall"), 201);
        String legalLeader = token("team_leader", "claimer-described", "weicheng-falv", null, null);
        check("POST", "/wishes/{id}/claim", "/wishes/" + wish.get("id").asText() + "/claim", legalLeader,
                "{\"teamId\":\"weicheng-falv\"}", 200);
    }

    @Test
    void hoursFromAnActivityMatchTheSchemas() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        String activity = "{\"title\":\"described\",\"category\":\"theory_policy\",\"communityId\":\"" + community()
                + "\",\"start\":\"" + now.minus(java.time.Duration.ofDays(3)) + "\",\"end\":\""
                + now.minus(java.time.Duration.ofDays(1)) + "\"}";
        JsonNode created = check("POST", "/activities", "/activities", leader, activity, 201);
        String day = java.time.LocalDate.ofInstant(now.minus(java.time.Duration.ofDays(2)),
                java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonNode recorded = check("POST", "/hours", "/hours", leader, "{\"source\":{\"type\":\"activity\",\"id\":\""
                + created.get("id").asText() + "\"},\"entries\":[{\"volunteerId\":\"v0001\",\"hours\":2.5,\"date\":\""
                + day + "\"}]}", 201);
        String record = recorded.get("items").get(0).get("id").asText();
        String volunteer = token("volunteer", "v0001-described", null, null, "v0001");
        check("POST", "/hours/{id}/dispute", "/hours/" + record + "/dispute", volunteer, "{\"reason\":\"described\"}", 200);
        check("POST", "/hours/{id}/certify", "/hours/" + record + "/certify", dispatcher, null, 200);
        check("POST", "/hours/{id}/correct", "/hours/" + record + "/correct", leader,
                "{\"hours\":3,\"reason\":\"described\"}", 201);
        check("GET", "/volunteers/{id}/hours", "/volunteers/v0001/hours", volunteer, null, 200);
        check("GET", "/volunteers/{id}/certificate", "/volunteers/v0001/certificate", volunteer, null, 200);
    }

    @Test
    void registryWritesAndTheExportMatchTheirSchemas() throws Exception {
        String admin = token("admin", "admin-described", null, null, null);
        String clocks = "{\"respondMinutes\":20,\"replyMinutes\":40,\"resolveMinutes\":2880}";
        check("PUT", "/categories/{code}", "/categories/described_care", admin,
                "{\"name\":\"described\",\"clocks\":" + clocks + "}", 201);
        // declined by every team that may serve it, a request waits unrouted and the desk gets an alert to acknowledge
        JsonNode request = check("POST", "/requests", "/requests", resident, submission("app"), 201);
        for (int declines = 0; request.has("teamId") && declines < 20; declines++) {
            String leaderOfIt = token("team_leader", "decliner-described", request.get("teamId").asText(),
                    null, null);
            request = check("POST", "/requests/{id}/decline", "/requests/" + request.get("id").asText() + "/decline",
                    leaderOfIt, "{\"reason\":\"described\"}", 200);
        }
        assertEquals("unrouted", request.get("status").asText());
        String alert = null;
        for (JsonNode item : check("GET", "/alerts", "/alerts?level=0&limit=100", dispatcher, null, 200).get("items")) {
            alert = item.get("requestId").equals(request.get("id")) ? item.get("id").asText() : alert;
        }
        check("POST", "/alerts/{id}/ack", "/alerts/" + alert + "/ack", dispatcher, null, 200);
        check("PUT", "/areas/{id}", "/areas/described-community", admin,
                "{\"name\":\"described\",\"type\":\"community\",\"parentId\":\"" + areaOfType("street") + "\"}", 201);
        JsonNode team = check("POST", "/teams", "/teams", admin, "{\"name\":\"described\",\"categories\":[\"legal\"],"
                + "\"areaIds\":[\"described-community\"],\"capacity\":2,\"leaders\":[\"leader-described\"]}", 201);
        check("PUT", "/teams/{id}", "/teams/" + team.get("id").asText(), admin, "{\"name\":\"described\","
                + "\"categories\":[\"legal\"],\"areaIds\":[\"described-community\"],\"capacity\":3,"
                + "\"leaders\":[\"leader-described\"],\"active\":false}", 200);
        check("POST", "/volunteers", "/volunteers", admin, "{\"name\":\"王芳\",\"phone\":\"13812345678\",\"teamIds\":[\""
                + team.get("id").asText() + "\"]}", 201);
        check("PUT", "/clock-policy/channels/{channel}", "/clock-policy/channels/hotline", admin,
                "{\"clocks\":" + clocks + "}", 200);
        check("GET", "/exports/hours.csv", "/exports/hours.csv?from=2026-11-01&to=2026-11-30", dispatcher, null, 200);
    }

    static String submission(String channel) throws Exception {
        return "{\"category\":\"legal\",\"description\":\"described\",\"communityId\":\"" + community()
                + "\",\"address\":\"1号楼\",\"contactName\":\"王芳\",\"contactPhone\":\"13812345678\","
                + "\"channel\":\"" + channel + "\"}";
    }

    @Test
    void deskAndHoursAnswersMatchTheirSchemas() throws Exception {
        check("GET", "/alerts", "/alerts", dispatcher, null, 200);
        check("GET", "/reports/sla", "/reports/sla?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&groupBy=team",
                dispatcher, null, 200);
        check("GET", "/activities", "/activities?areaId=weicheng", resident, null, 200);
        check("GET", "/hours", "/hours", leader, null, 200);
        check("GET", "/volunteers/{id}/hours", "/volunteers/v0001/hours", dispatcher, null, 200);
        check("GET", "/volunteers/{id}/certificate", "/volunteers/v0001/certificate", dispatcher, null, 200);
        check("GET", "/tallies", "/tallies?scope=district&id=weicheng&period=all", resident, null, 200);
        check("GET", "/leaderboard", "/leaderboard?scope=team&areaId=weicheng", resident, null, 200);
    }

    /** On the demo's recruiting session, open for check-in: v0105 checked in, v0106 signed up. */
    @Test
    void sessionAnswersMatchTheirSchemas() throws Exception {
        String session = "/sessions/s1qe3k5fwhaw5dpar8537za";
        String juandilv = token("team_leader,volunteer", "u-leader-xinbei-juandilv", "xinbei-juandilv", null, "v0104");
        String volunteer = token("volunteer", "u-v0106", null, null, "v0106");
        String checkedIn = token("volunteer", "u-v0105", null, null, "v0105");
        check("POST", "/activities/{id}/sessions", "/activities/abd1h1bzmshrwkrjzw18g9x/sessions", juandilv,
                "{\"start\":\"2026-11-14T01:00:00Z\",\"end\":\"2026-11-14T02:00:00Z\",\"address\":\"新北社区\","
                        + "\"quota\":5,\"confirmationRequired\":true}", 201);
        check("GET", "/activities/{id}/sessions", "/activities/aanagf7ww766sgyjjgr049s/sessions", resident, null, 200);
        check("GET", "/sessions/{id}", session, juandilv, null, 200);
        check("GET", "/sessions/{id}", session, volunteer, null, 200);
        check("POST", "/sessions/{id}/signup", session + "/signup", volunteer, "{}", 200);
        check("POST", "/sessions/{id}/confirm", session + "/confirm", volunteer, "{}", 200);
        check("GET", "/sessions/{id}/code", session + "/code", juandilv, null, 200);
        check("POST", "/sessions/{id}/check-in", session + "/check-in", volunteer, "{\"code\":\"000000x\"}", 422);
        check("POST", "/sessions/{id}/check-in", session + "/check-in", volunteer,
                "{\"latitude\":34.3412,\"longitude\":108.9398}", 200);
        check("POST", "/sessions/{id}/check-out", session + "/check-out", checkedIn,
                "{\"latitude\":34.3412,\"longitude\":108.9398}", 200);
        check("POST", "/sessions/{id}/certify", session + "/certify", juandilv, "{}", 200);
        check("GET", "/sessions/{id}/attendance", session + "/attendance", juandilv, null, 200);
        check("POST", "/sessions/{id}/cancel", session + "/cancel", token("volunteer", "u-v0107", null, null, "v0107"),
                "{}", 200);
        check("GET", "/sessions/{id}", "/sessions/s-none", volunteer, null, 404);
    }

    @Test
    void problemsMatchTheProblemSchema() throws Exception {
        JsonNode invalid = check("POST", "/requests", "/requests", resident, "{\"channel\":\"fax\"}", 422);
        assertTrue(invalid.get("errors").size() > 1, invalid.toString());
        check("GET", "/requests/{id}", "/requests/r0000000000000000000000", resident, null, 404);
        check("PUT", "/categories/{code}", "/categories/described", resident,
                "{\"name\":\"x\",\"clocks\":{\"respondMinutes\":1,\"replyMinutes\":2,\"resolveMinutes\":3}}", 403);
        check("GET", "/teams", "/teams?limit=101", resident, null, 422);
        check("GET", "/categories", "/categories", null, null, 401);
    }

    /** Every example beside a schema (media types, parameters, headers) is valid against that schema. */
    @Test
    void examplesMatchTheirSchemas() {
        java.util.List<String> checked = new java.util.ArrayList<>();
        examples(document, "#", checked);
        assertTrue(checked.size() >= 10, "examples checked: " + checked);
    }

    static void examples(JsonNode node, String at, java.util.List<String> checked) {
        if (node.isObject() && node.has("schema") && node.get("schema").isObject()) {
            java.util.List<JsonNode> values = new java.util.ArrayList<>();
            if (node.has("example")) {
                values.add(node.get("example"));
            }
            node.path("examples").forEach(example -> values.add(resolve(example).get("value")));
            for (JsonNode value : values) {
                assertEquals(Set.of(), validator(node.get("schema")).validate(value), at + ": example " + value);
                checked.add(at);
            }
        }
        node.fields().forEachRemaining(field -> examples(field.getValue(), at + "/" + field.getKey(), checked));
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), at + "/" + i, checked);
            }
        }
    }

    /** Sends the call, checks its status is the expected one and described, and its body against the schema. */
    static JsonNode check(String method, String path, String target, String token, String body, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUri().resolve(target))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String call = method + " " + target;
        assertEquals(status, response.statusCode(), call + ": " + response.body());
        JsonNode described = resolve(document.path("paths").path(path).path(method.toLowerCase()).path("responses")
                .path(Integer.toString(status)));
        assertTrue(described.isObject(), call + ": status " + status + " is not described");
        String mediaType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode schema = described.path("content").path(mediaType).path("schema");
        assertTrue(schema.isObject(), call + ": no schema for " + status + " " + mediaType);
        JsonNode answer = mediaType.endsWith("json") ? Json.read(response.body())
                : com.fasterxml.jackson.databind.node.TextNode.valueOf(response.body());
        Set<ValidationMessage> errors = validator(schema).validate(answer);
        assertEquals(Set.of(), errors, call + " answered " + answer);
        return answer;
    }

    /** The schema with the document's components beside it, so that its {@code #/components/...} refs resolve. */
    static JsonSchema validator(JsonNode schema) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    static String community() throws Exception {
        return areaOfType("community");
    }

    /** The first area of this type in the demo district. */
    static String areaOfType(String type) throws Exception {
        JsonNode areas = Json.read(Files.readString(ROOT.resolve("local/demo/registry.json"))).get("areas");
        for (JsonNode area : areas) {
            if (area.get("type").asText().equals(type)) {
                return area.get("id").asText();
            }
        }
        throw new IllegalStateException("the demo district has no " + type);
    }

    /** A token of the stack's own signing key, as {@code ./run-local token} issues it. */
    static String token(String roles, String sub, String team, String area, String volunteer) {
        return LocalTokens.issue(LocalSigningKey.loadOrCreate(state), new LocalTokens.Subject(sub,
                java.util.List.of(roles.split(",")), team, area, volunteer), java.time.Instant.now(), LocalTokens.VALIDITY);
    }
}
