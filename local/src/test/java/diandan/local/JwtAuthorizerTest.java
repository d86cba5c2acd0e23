package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
