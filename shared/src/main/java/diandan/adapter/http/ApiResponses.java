package diandan.adapter.http;

import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.Problem;

/** Responses: JSON documents and RFC 9457 problem documents. */
public final class ApiResponses {
    public static final String PROBLEM_TYPE_BASE = "https://diandan.dev/problems/";
    /** Seconds a client should wait before retrying after a storage fault. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return respond(status, "application/json", Json.write(body), Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> headers) {
        return respond(status, "application/json", Json.write(body), headers);
    }

    /** A JSON document of something versioned: its version as the ETag a later If-Match names. */
    public static APIGatewayV2HTTPResponse versioned(int status, JsonNode body, long version) {
        return json(status, body, Map.of("ETag", "\"" + version + "\""));
    }

    /** Done, nothing to say: a removal. */
    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of("Cache-Control", "no-store"))
                .withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body) {
        return respond(status, contentType, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body, Map<String, String> headers) {
        return respond(status, contentType, body, headers);
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        Problem.Kind kind = problem.kind();
        ObjectNode body = Json.object();
        body.put("type", PROBLEM_TYPE_BASE + kind.slug);
        body.put("title", kind.title);
        body.put("status", kind.status);
        body.put("detail", problem.getMessage());
        if (!problem.errors().isEmpty()) {
            var errors = body.putArray("errors");
            problem.errors().forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
        }
        Map<String, String> headers = kind == Problem.Kind.UNAVAILABLE || kind == Problem.Kind.TOO_MANY_REQUESTS
                ? Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)) : Map.of();
        return respond(kind.status, "application/problem+json", Json.write(body), headers);
    }

    private static APIGatewayV2HTTPResponse respond(int status, String contentType, String body,
                                                    Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", contentType + (contentType.startsWith("text/") ? "; charset=utf-8" : ""));
        headers.put("Cache-Control", "no-store");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).build();
    }
}
