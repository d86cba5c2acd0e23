package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Role;

class ClaimsTest {
    @ParameterizedTest
    @ValueSource(strings = {"[team_leader volunteer]", "[volunteer team_leader]", "[team_leader volunteer unknown_group]",
            "[team_leader volunteer team_leader]"})
    void groupsParseFromTheListApiGatewayFlattens(String groups) {
        Caller caller = Claims.caller(Map.of("sub", "u1", "cognito:groups", groups, "custom:team_id", "t1"));
        assertEquals(EnumSet.of(Role.TEAM_LEADER, Role.VOLUNTEER), caller.roles());
        assertEquals("t1", caller.teamId());
    }

    /**
     * Groups are exact names inside API Gateway's {@code [a b]}: a group whose name merely contains, quotes, pads,
     * brackets or capitalises "admin" is another group, and a value not in that form is no list at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"resident,admin", "[resident,admin]", "[admin,resident]", "[[admin]]", "[admin]]",
            "[[admin]", "admin", " admin ", "[ admin ]", "[ admin]", "[admin ]", "[resident  admin]", "ADMIN", "[ADMIN]",
            "[Admin]", "\"admin\"", "[\"admin\"]", "[\"resident\",\"admin\"]", "[\"resident\" \"admin\"]", "['admin']",
            "[admin\t]", "[\tadmin]", "[resident\tadmin]", "[resident\nadmin]", "[admin\u00a0]", "[\u200badmin]",
            "[ＡＤＭＩＮ]", "[admin;resident]", "[admin|resident]", "admin]", "[admin", "{admin}", "(admin)",
            "[resident] [admin]", "[]admin", "admin[]", "[a d m i n]"})
    void noOtherFormOfAGroupGrantsIt(String groups) {
        Caller caller = Claims.caller(Map.of("sub", "u1", "cognito:groups", groups));
        assertEquals(false, caller.is(Role.ADMIN), groups + " granted " + caller.roles());
    }

    /**
     * The subject and the scoping claims become parts of stored keys (a resident's slots, a volunteer's ledger),
     * whose size DynamoDB limits: a subject longer than OpenID Connect allows (255 ASCII characters) or a scope that
     * is not an id is a token this API did not issue, refused before anything is looked up.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sub", "custom:team_id", "custom:area_id", "custom:volunteer_id"})
    void aSubjectOrScopeNoIssuerOfOursMakesIsRefused(String claim) {
        for (String value : new String[] {"s".repeat(5_000), "é".repeat(300), "a\u0000b", "../x", "x".repeat(65)}) {
            if (claim.equals("sub") && value.length() <= 255 && value.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
                continue; // a short printable subject is any issuer's to choose
            }
            Map<String, String> claims = new java.util.HashMap<>(Map.of("sub", "u1", "cognito:groups", "[admin]"));
            claims.put(claim, value);
            Problem problem = assertThrows(Problem.class, () -> Claims.caller(claims), claim + "=" + value);
            assertEquals(401, problem.kind().status);
        }
        assertEquals("s".repeat(255), Claims.caller(Map.of("sub", "s".repeat(255))).sub());
    }

    /**
     * A Cognito ID token's claims as the HTTP API's JWT authorizer hands them on in
     * {@code requestContext.authorizer.jwt.claims}: every value a string, numbers and booleans as their text, the
     * groups array as {@code [a b]}. The scope comes from the custom attributes only an ID token carries.
     */
    @Test
    void aCognitoIdTokenAsTheAuthorizerPassesItNamesRolesAndScope() {
        Map<String, String> claims = Map.ofEntries(Map.entry("sub", "7d8e2c1a-5b6f-4e3d-9a1b-0c2d3e4f5a6b"),
                Map.entry("cognito:groups", "[dispatcher volunteer]"),
                Map.entry("iss", "https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_AbCdEf123"),
                Map.entry("aud", "4tq2kd8rgm1c0a9v7v3ksgl2k5"), Map.entry("token_use", "id"),
                Map.entry("cognito:username", "7d8e2c1a-5b6f-4e3d-9a1b-0c2d3e4f5a6b"),
                Map.entry("email", "wang@example.org"), Map.entry("email_verified", "true"),
                Map.entry("auth_time", "1796083200"), Map.entry("iat", "1796083200"), Map.entry("exp", "1796086800"),
                Map.entry("custom:area_id", "jiedao-01"), Map.entry("custom:volunteer_id", "v-17"));
        Caller caller = Claims.caller(claims);
        assertEquals(EnumSet.of(Role.DISPATCHER, Role.VOLUNTEER), caller.roles());
        assertEquals("jiedao-01", caller.areaId());
        assertEquals("v-17", caller.volunteerId());
        assertNull(caller.teamId());
        assertEquals(EnumSet.of(Role.ADMIN), Claims.caller(Map.of("sub", "u2", "cognito:groups", "[admin]",
                "token_use", "id", "custom:area_id", "jiedao-01")).roles());
    }

    /**
     * A Cognito access token passes the authorizer too (its {@code client_id} is the audience) but carries the
     * groups without the custom attributes: an area's admin would read as the whole deployment's, a dispatcher
     * as one of no area. The API reads ID tokens only, and says so.
     */
    @Test
    void aCognitoAccessTokenIsRefusedNamingTheIdToken() {
        Problem problem = assertThrows(Problem.class, () -> Claims.caller(Map.of("sub", "u3",
                "cognito:groups", "[admin]", "token_use", "access", "client_id", "4tq2kd8rgm1c0a9v7v3ksgl2k5",
                "scope", "openid email")));
        assertEquals(401, problem.kind().status);
        assertTrue(problem.getMessage().contains("ID token"), problem.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void noSubjectIsUnauthorized(String sub) {
        Problem problem = assertThrows(Problem.class, () -> Claims.caller(Map.of("sub", sub)));
        assertEquals(401, problem.kind().status);
        assertEquals(401, assertThrows(Problem.class, () -> Claims.caller(null)).kind().status);
        assertEquals(401, assertThrows(Problem.class, () -> Claims.caller(Map.of("cognito:groups", "[admin]")))
                .kind().status);
    }
}
