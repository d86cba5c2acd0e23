package diandan.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;

/**
 * ID tokens from the local identity provider, shaped like Cognito's: {@code sub}, {@code cognito:groups},
 * the custom attributes the roles need, {@code token_use=id} (the token the API reads); signed with the local key.
 */
final class LocalTokens {
    /** How long a local token is valid: a working day. */
    static final Duration VALIDITY = Duration.ofHours(12);

    /** Who the token is for; null attributes are left out. */
    record Subject(String sub, List<String> groups, String teamId, String areaId, String volunteerId) {
    }

    private LocalTokens() {
    }

    static String issue(LocalSigningKey key, Subject subject, Instant now, Duration validity) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT").put("kid", key.keyId());
        ObjectNode claims = Json.object();
        claims.put("sub", subject.sub());
        subject.groups().forEach(claims.putArray("cognito:groups")::add);
        putIfPresent(claims, "custom:team_id", subject.teamId());
        putIfPresent(claims, "custom:area_id", subject.areaId());
        putIfPresent(claims, "custom:volunteer_id", subject.volunteerId());
        claims.put("iss", LocalAccount.JWT_ISSUER);
        claims.put("aud", LocalAccount.JWT_AUDIENCE);
        claims.put("token_use", "id");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validity).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = base64Url(Json.write(header)) + "." + base64Url(Json.write(claims));
        byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static void putIfPresent(ObjectNode claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
