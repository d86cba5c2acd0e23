package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.domain.Caller;
import diandan.domain.Role;

class JwtAuthorizerTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");
    static final LocalTokens.Subject LEADER = new LocalTokens.Subject("leader-li", List.of("team_leader", "volunteer"),
            "t-1", null, "v-9");

    @Test
    void passesTheClaimsAsApiGatewayDoes(@TempDir Path state) throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(state);
        JwtAuthorizer authorizer = new JwtAuthorizer(key, LocalAccount.JWT_ISSUER, List.of(LocalAccount.JWT_AUDIENCE));
        Map<String, String> claims = authorizer.authorize("Bearer " + LocalTokens.issue(key, LEADER, NOW,
                LocalTokens.VALIDITY), NOW.plusSeconds(60));
        assertEquals("[team_leader volunteer]", claims.get("cognito:groups"));
        assertEquals("t-1", claims.get("custom:team_id"));
        assertEquals(Long.toString(NOW.plus(LocalTokens.VALIDITY).getEpochSecond()), claims.get("exp"));
        assertEquals(key.keyId(), LocalSigningKey.loadOrCreate(state).keyId(), "the key is kept");
    }

    @Test
    void refusesAnotherKeyIssuerAudienceOrTime(@TempDir Path state, @TempDir Path other) {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(state);
        String token = LocalTokens.issue(key, LEADER, NOW, Duration.ofHours(1));
        assertThrows(JwtAuthorizer.Unauthorized.class, () -> new JwtAuthorizer(LocalSigningKey.loadOrCreate(other),
                LocalAccount.JWT_ISSUER, List.of(LocalAccount.JWT_AUDIENCE)).authorize(token, NOW));
        assertThrows(JwtAuthorizer.Unauthorized.class, () -> new JwtAuthorizer(key, "https://elsewhere",
                List.of(LocalAccount.JWT_AUDIENCE)).authorize(token, NOW));
        assertThrows(JwtAuthorizer.Unauthorized.class, () -> new JwtAuthorizer(key, LocalAccount.JWT_ISSUER,
                List.of("another-client")).authorize(token, NOW));
        JwtAuthorizer authorizer = new JwtAuthorizer(key, LocalAccount.JWT_ISSUER, List.of(LocalAccount.JWT_AUDIENCE));
        assertThrows(JwtAuthorizer.Unauthorized.class, () -> authorizer.authorize(token, NOW.plus(Duration.ofHours(1))));
        assertThrows(JwtAuthorizer.Unauthorized.class, () -> authorizer.authorize("not.a-jwt", NOW));
        assertThrows(JwtAuthorizer.Unauthorized.class, () -> authorizer.authorize(null, NOW));
    }

    /**
     * A group of the token whose name merely resembles one of ours, or a group claim in another shape, reaches the
     * handler as API Gateway flattens it and grants nothing there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[\"resident,admin\"]", "[\"[admin]\"]", "[\" admin \"]", "[\"admin \"]",
            "[\"resident\",\" admin\"]", "[\"ADMIN\"]", "[\"Admin\"]", "[\"\\\"admin\\\"\"]", "[\"'admin'\"]",
            "\"resident,admin\"", "\"admin\"", "\" admin \"", "\"ADMIN\"", "\"[\\\"admin\\\"]\"",
            "[[\"admin\"]]", "{\"admin\":true}", "[\"resident\",\"\",\"admin\"]"})
    void hostileGroupsGrantNothing(String groups, @TempDir Path state) throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(state);
        ObjectNode claims = validClaims();
        claims.set("cognito:groups", Json.read(groups));
        Map<String, String> passed = authorizer(key).authorize(sign(key, claims), NOW);
        Caller caller = Claims.caller(passed);
        assertFalse(caller.is(Role.ADMIN), groups + " passed as " + passed.get("cognito:groups") + " granted "
                + caller.roles());
    }

    /** Each claim the authorizer checks, missing or of the wrong type: refused, and the reason says which. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sub|<absent>|the token has no subject",
            "sub|null|the token has no subject",
            "sub|\"\"|the token has no subject",
            "sub|\"   \"|the token has no subject",
            "sub|{}|the token has no subject",
            "exp|<absent>|the token has no expiry time (exp)",
            "exp|null|the token's exp is not a NumericDate",
            "exp|\"1893456000\"|the token's exp is not a NumericDate",
            "exp|\"tomorrow\"|the token's exp is not a NumericDate",
            "exp|[1893456000]|the token's exp is not a NumericDate",
            "exp|true|the token's exp is not a NumericDate",
            "exp|1e400|the token's exp is not a NumericDate",
            "exp|1764322200|the token has expired",
            "nbf|null|the token's nbf is not a NumericDate",
            "nbf|\"0\"|the token's nbf is not a NumericDate",
            "nbf|\"later\"|the token's nbf is not a NumericDate",
            "nbf|{}|the token's nbf is not a NumericDate",
            "nbf|1893456000|the token is not valid yet"})
    void refusesAClaimMissingOrOfTheWrongTypeAndSaysWhy(String claim, String value, String reason,
                                                         @TempDir Path state) throws Exception {
        LocalSigningKey key = LocalSigningKey.loadOrCreate(state);
        ObjectNode claims = validClaims();
        if (value.equals("<absent>")) {
            claims.remove(claim);
        } else {
            claims.set(claim, Json.read(value));
        }
        JwtAuthorizer.Unauthorized refused = assertThrows(JwtAuthorizer.Unauthorized.class,
                () -> authorizer(key).authorize(sign(key, claims), NOW));
        assertEquals(reason, refused.getMessage());
    }

    private static JwtAuthorizer authorizer(LocalSigningKey key) {
        return new JwtAuthorizer(key, LocalAccount.JWT_ISSUER, List.of(LocalAccount.JWT_AUDIENCE));
    }

    /** The claims of a local token valid at NOW, to spoil one at a time. */
    private static ObjectNode validClaims() {
        ObjectNode claims = Json.object().put("sub", "someone").put("iss", LocalAccount.JWT_ISSUER)
                .put("aud", LocalAccount.JWT_AUDIENCE).put("token_use", "id")
                .put("iat", NOW.getEpochSecond()).put("nbf", NOW.getEpochSecond())
                .put("exp", NOW.plusSeconds(3600).getEpochSecond());
        claims.putArray("cognito:groups").add("resident");
        return claims;
    }

    private static String sign(LocalSigningKey key, ObjectNode claims) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT").put("kid", key.keyId());
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input = base64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return input + "." + base64.encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
