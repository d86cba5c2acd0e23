package diandan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.http.Claims;
import diandan.adapter.http.LambdaEvents;
import diandan.adapter.json.Json;

/**
 * The HTTP API's JWT authorizer, locally: the bearer token of the {@code Authorization} header must be an
 * RS256 JWT signed by the local key, from the configured issuer, for one of the configured audiences (as
 * {@code aud} or, for Cognito access tokens, {@code client_id}), within {@code nbf}..{@code exp} (numbers; a
 * token without {@code exp} is refused), with a subject. Its claims reach the handler as API Gateway passes them:
 * strings, arrays flattened to {@code [a b]}.
 */
final class JwtAuthorizer {
    /** Why a request was refused: the detail goes into the {@code www-authenticate} header, as API Gateway's. */
    static final class Unauthorized extends Exception {
        Unauthorized(String description) {
            super(description);
        }
    }

    private final LocalSigningKey key;
    private final String issuer;
    private final List<String> audiences;

    JwtAuthorizer(LocalSigningKey key, String issuer, List<String> audiences) {
        this.key = key;
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
    }

    /** @return the token's claims as the handler sees them; null header: no token at all */
    Map<String, String> authorize(String authorizationHeader, Instant now) throws Unauthorized {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new Unauthorized("no token");
        }
        String token = authorizationHeader.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Unauthorized("the token is not a JWT");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Unauthorized("the token's algorithm must be RS256");
        }
        if (header.hasNonNull("kid") && !key.keyId().equals(header.get("kid").asText())) {
            throw new Unauthorized("the token was signed with an unknown key");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Unauthorized("the token's signature is not base64url");
        }
        if (!key.verify((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new Unauthorized("signature is invalid");
        }
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new Unauthorized("the token has an invalid issuer");
        }
        if (!forAudience(claims)) {
            throw new Unauthorized("the token does not have a valid audience");
        }
        if (!claims.has("exp")) {
            throw new Unauthorized("the token has no expiry time (exp)");
        }
        long exp = numericDate(claims, "exp");
        if (now.getEpochSecond() >= exp) {
            throw new Unauthorized("the token has expired");
        }
        if (claims.has("nbf") && now.getEpochSecond() < numericDate(claims, "nbf")) {
            throw new Unauthorized("the token is not valid yet");
        }
        Map<String, String> passed = LambdaEvents.flattened(claims);
        if (!Claims.hasSubject(passed)) {
            throw new Unauthorized("the token has no subject");
        }
        return passed;
    }

    /** A NumericDate claim (RFC 7519: seconds since the epoch, a JSON number); any other value refuses the token. */
    private static long numericDate(JsonNode claims, String name) throws Unauthorized {
        JsonNode value = claims.get(name);
        if (!value.isNumber() || !value.canConvertToLong()) {
            throw new Unauthorized("the token's " + name + " is not a NumericDate");
        }
        return value.asLong();
    }

    private boolean forAudience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<JsonNode> given = aud.isArray() ? StreamSupport.stream(aud.spliterator(), false).toList() : List.of(aud);
        return given.stream().anyMatch(a -> audiences.contains(a.asText()))
                || audiences.contains(claims.path("client_id").asText());
    }

    private static JsonNode decode(String part) throws Unauthorized {
        try {
            JsonNode node = Json.read(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new Unauthorized("the token is not a JWT");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new Unauthorized("the token is not a JWT");
        }
    }

}
