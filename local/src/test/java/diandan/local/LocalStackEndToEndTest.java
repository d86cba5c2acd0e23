package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;
import diandan.devkit.Template;

/** The whole stack on a free port with an in-memory engine, driven over HTTP as a client would. */
class LocalStackEndToEndTest {
    @TempDir
    static Path state;
    static final Path ROOT = RepoRoot.find();
    static final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();
    static LocalStack stack;
    static String residentToken;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStack.Options.defaults(ROOT, line -> { })
                .withStateDir(state).withPort(0).withInMemory(true).withBanner(false).withInvocations(invocations::add));
        residentToken = tokenCommand("token", "--role", "resident", "--sub", "resident-e2e");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Runs {@code ./run-local token ...} on the test's state folder; the token is alone on the last line. */
    static String tokenCommand(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] withState = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--state-dir", state.toString())).toArray(String[]::new);
        assertEquals(0, Main.run(withState, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        String token = lines[lines.length - 1];
        assertTrue(token.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+"), token);
        return token;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder api(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(stack.baseUri().resolve(pathAndQuery));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.read(response.body());
    }

    static String submitBody() throws Exception {
        return EventJson.read(APIGatewayV2HTTPEvent.class,
                Files.readAllBytes(ROOT.resolve("events/submit-request.json"))).getBody();
    }

    @Test
    void submitsReadsBackAndListsARequest() throws Exception {
        HttpResponse<String> created = send(api("/requests", residentToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(submitBody())));
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).get("id").asText();
        assertEquals("/requests/" + id, created.headers().firstValue("Location").orElseThrow());
        assertTrue(created.headers().firstValue("apigw-requestid").isPresent());

        HttpResponse<String> read = send(api("/requests/" + id, residentToken).GET());
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(id, json(read).get("id").asText());
        assertEquals("xinbei", json(read).get("communityId").asText());

        HttpResponse<String> listed = send(api("/requests?status=dispatched&limit=10", residentToken).GET());
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(json(listed).get("items").findValuesAsText("id").contains(id), listed.body());

        // one log record per invocation: function, route, status
        assertTrue(invocations.stream().anyMatch(i -> i.functionId().equals("IntakeFunction")
                && i.trigger().equals("GET /requests/{id}") && i.outcome().equals("200")), invocations.toString());
    }

    /**
     * The bus, its rule and the notifier run in process: the team leader's message to a submission is in the
     * stack's messages file, and at {@code /_local/messages} (no token), within a second.
     */
    @Test
    void aSubmissionsMessageToTheTeamLeaderIsRecordedWithinASecond() throws Exception {
        HttpResponse<String> created = send(api("/requests", residentToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(submitBody())));
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).get("id").asText();
        Instant deadline = Instant.now().plusSeconds(1);
        JsonNode messages = Json.array();
        while (messages.isEmpty() && Instant.now().isBefore(deadline)) {
            HttpResponse<String> listed = send(api(LocalMessages.PATH + "?requestId=" + id, null).GET());
            assertEquals(200, listed.statusCode(), listed.body());
            messages = json(listed);
        }
        assertEquals(1, messages.size(), messages.toString());
        JsonNode message = messages.get(0);
        assertEquals("new_order", message.path("template").asText());
        assertEquals("sms", message.path("channel").asText());
        assertEquals("team_leader", message.path("to").path("role").asText());
        assertTrue(message.path("to").path("phone").asText().matches("139\\*{4}\\d{4}"), message.toString());
        assertTrue(message.path("text").asText().contains("已派给您的服务队"), message.toString());
        assertTrue(Files.readString(state.resolve(LocalMessages.FILE_NAME)).contains(id));
    }

    @Test
    void refusesMissingBadAndExpiredTokensAsTheAuthorizerDoes() throws Exception {
        HttpResponse<String> none = send(api("/requests", null).GET());
        assertEquals(401, none.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", none.body());

        String tampered = residentToken.substring(0, residentToken.lastIndexOf('.') + 1) + "AAAA";
        HttpResponse<String> bad = send(api("/requests", tampered).GET());
        assertEquals(401, bad.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", bad.body());
        assertTrue(bad.headers().firstValue("www-authenticate").orElseThrow().contains("invalid_token"));

        String expired = LocalTokens.issue(LocalSigningKey.loadOrCreate(state),
                new LocalTokens.Subject("resident-e2e", List.of("resident"), null, null, null),
                Instant.now().minus(Duration.ofHours(13)), LocalTokens.VALIDITY);
        HttpResponse<String> late = send(api("/requests", expired).GET());
        assertEquals(401, late.statusCode());
        assertTrue(late.headers().firstValue("www-authenticate").orElseThrow().contains("expired"));
    }

    @Test
    void answersAnUnknownRouteAsApiGatewayDoes() throws Exception {
        HttpResponse<String> unknown = send(api("/nowhere", residentToken).GET());
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", unknown.body());
        HttpResponse<String> wrongMethod = send(api("/categories", residentToken).DELETE());
        assertEquals(404, wrongMethod.statusCode());
    }

    @Test
    void servesTheApiDescriptionBesideTheApi() throws Exception {
        HttpResponse<String> yaml = send(api(ApiDescription.YAML_PATH, null).GET());
        assertEquals(200, yaml.statusCode());
        assertEquals(Files.readString(ROOT.resolve(ApiDescription.FILE), StandardCharsets.UTF_8), yaml.body());
        assertEquals(404, send(api("/openapi.yamlx", residentToken).GET()).statusCode());
    }

    @Test
    void invokesAFunctionThroughTheInvokeApi() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                stack.baseUri().resolve("/2015-03-31/functions/AssignmentFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofFile(ROOT.resolve("events/list-categories.json"))));
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.headers().firstValue("X-Amz-Function-Error").isPresent(), response.body());
        JsonNode result = json(response);
        assertEquals(200, result.get("statusCode").asInt());
        assertTrue(Json.read(result.get("body").asText()).get("items").findValuesAsText("code")
                .contains("elderly_care"), "demo categories are loaded");

        HttpResponse<String> missing = send(HttpRequest.newBuilder(
                stack.baseUri().resolve("/2015-03-31/functions/NoSuchFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(404, missing.statusCode());
        assertEquals("ResourceNotFoundException", missing.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void runsAScheduleEventThroughTheInvokeApiOrReportsTheMissingHandler() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                stack.baseUri().resolve("/2015-03-31/functions/EscalationFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofFile(ROOT.resolve("events/schedule-tick.json"))));
        assertEquals(200, response.statusCode(), response.body());
        if (handlerBuilt("diandan.escalation.EscalationHandler")) {
            assertFalse(response.headers().firstValue("X-Amz-Function-Error").isPresent(), response.body());
        } else {
            assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElseThrow());
            assertEquals("java.lang.ClassNotFoundException", json(response).get("errorType").asText());
        }
        assertEquals(200, send(api("/categories", residentToken).GET()).statusCode(), "the stack still serves");
    }

    /** Bytes that are not UTF-8 in a JSON body: refused 400 by the function, nothing stored with U+FFFD. */
    @Test
    void refusesAJsonBodyThatIsNotUtf8() throws Exception {
        byte[] valid = submitBody().getBytes(StandardCharsets.UTF_8);
        int quote = submitBody().indexOf(": \"") + 3;
        byte[] invalid = new byte[valid.length + 2];
        System.arraycopy(valid, 0, invalid, 0, quote);
        invalid[quote] = (byte) 0xff;
        invalid[quote + 1] = (byte) 0xfe;
        System.arraycopy(valid, quote, invalid, quote + 2, valid.length - quote);
        HttpResponse<String> refused = send(api("/requests", residentToken)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalid)));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(json(refused).get("detail").asText().contains("UTF-8"), refused.body());
    }

    /** Lambda knows $LATEST and the alias the template publishes (AutoPublishAlias); any other qualifier is 404. */
    @Test
    void invokeApiKnowsOnlyLatestAndTheLiveAlias() throws Exception {
        String alias = (String) Template.load(ROOT.resolve("template.yaml")).globalFunctionProperty("AutoPublishAlias");
        for (String path : List.of("AssignmentFunction:nope/invocations", "AssignmentFunction/invocations?Qualifier=nope",
                "AssignmentFunction:/invocations", "AssignmentFunction:1/invocations",
                LocalAccount.functionArn("AssignmentFunction") + ":nope/invocations",
                "AssignmentFunction:%24latest/invocations")) {
            HttpResponse<String> missing = send(HttpRequest.newBuilder(
                    stack.baseUri().resolve("/2015-03-31/functions/" + path))
                    .POST(HttpRequest.BodyPublishers.ofFile(ROOT.resolve("events/list-categories.json"))));
            assertEquals(404, missing.statusCode(), path + ": " + missing.body());
            assertEquals("ResourceNotFoundException", missing.headers().firstValue("x-amzn-ErrorType").orElseThrow(),
                    path);
            assertEquals("User", json(missing).get("Type").asText(), path);
            assertTrue(json(missing).get("message").asText().startsWith("Function not found: arn:aws:lambda:"), path);
        }
        for (String path : List.of("AssignmentFunction:" + alias + "/invocations",
                "AssignmentFunction:%24LATEST/invocations", "AssignmentFunction/invocations?Qualifier=%24LATEST",
                "AssignmentFunction/invocations?Qualifier=" + alias,
                LocalAccount.functionArn("AssignmentFunction") + ":" + alias + "/invocations")) {
            HttpResponse<String> found = send(HttpRequest.newBuilder(
                    stack.baseUri().resolve("/2015-03-31/functions/" + path))
                    .POST(HttpRequest.BodyPublishers.ofFile(ROOT.resolve("events/list-categories.json"))));
            assertEquals(200, found.statusCode(), path + ": " + found.body());
        }
        HttpResponse<String> mismatch = send(HttpRequest.newBuilder(stack.baseUri().resolve(
                "/2015-03-31/functions/AssignmentFunction:" + alias + "/invocations?Qualifier=%24LATEST"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, mismatch.statusCode(), mismatch.body());
        assertEquals("InvalidParameterValueException", mismatch.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    static boolean handlerBuilt(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void tokenCommandPutsTheRoleAttributesIntoTheClaims() throws Exception {
        String leader = tokenCommand("token", "--role", "team_leader,volunteer", "--sub", "leader-e2e", "--team",
                "t-tiedilan", "--volunteer", "v-1");
        JsonNode claims = Json.read(java.util.Base64.getUrlDecoder().decode(leader.split("\\.")[1]));
        assertEquals("[\"team_leader\",\"volunteer\"]", Json.write(claims.get("cognito:groups")));
        assertEquals("t-tiedilan", claims.get("custom:team_id").asText());
        assertEquals("v-1", claims.get("custom:volunteer_id").asText());
        assertEquals(LocalAccount.JWT_ISSUER, claims.get("iss").asText());
        assertEquals(LocalAccount.JWT_AUDIENCE, claims.get("aud").asText());
        assertEquals("id", claims.get("token_use").asText());
        assertEquals(LocalTokens.VALIDITY.toSeconds(), claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals(200, send(api("/categories", leader).GET()).statusCode());
    }
}
