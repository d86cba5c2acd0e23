package diandan.adapter.http;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import diandan.domain.Caller;
import diandan.domain.Ids;
import diandan.domain.Problem;
import diandan.domain.Role;

/**
 * The caller from the JWT claims API Gateway passes on; no subject means no verified token: 401. The API reads ID
 * tokens: the custom attributes that scope a role ({@code custom:area_id}...) are in a Cognito ID token, not in its
 * access token, which the authorizer lets through all the same (its {@code client_id} is the audience).
 */
public final class Claims {
    /** OpenID Connect's bound on a subject: it becomes part of stored keys, whose size DynamoDB limits. */
    static final int MAX_SUBJECT = 255;

    private Claims() {
    }

    public static Caller caller(Map<String, String> claims) {
        if (!hasSubject(claims)) {
            throw new Problem(Problem.Kind.UNAUTHORIZED, "a valid bearer token is required");
        }
        if (isAccessToken(claims)) {
            throw new Problem(Problem.Kind.UNAUTHORIZED,
                    "send the ID token: an access token does not carry the attributes that scope your role");
        }
        String sub = claims.get("sub");
        if (sub.length() > MAX_SUBJECT || !sub.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new Problem(Problem.Kind.UNAUTHORIZED, "the token's subject is not an OpenID Connect subject "
                    + "(at most " + MAX_SUBJECT + " printable ASCII characters)");
        }
        return new Caller(sub, roles(claims.get("cognito:groups")), scope(claims, "custom:team_id"),
                scope(claims, "custom:area_id"), scope(claims, "custom:volunteer_id"));
    }

    /**
     * A scoping claim names a team, area or volunteer by its id, or is absent; any other value is no token of ours.
     * It is refused rather than read as absent, which for an admin would widen the scope to the whole deployment.
     */
    private static String scope(Map<String, String> claims, String name) {
        String value = blankToNull(claims.get(name));
        if (value != null && !Ids.isWellFormed(value)) {
            throw new Problem(Problem.Kind.UNAUTHORIZED, "the token's " + name + " is not an id");
        }
        return value;
    }

    /** Whether the claims name whom the token is for: without, it is no caller's (the local authorizer asks too). */
    public static boolean hasSubject(Map<String, String> claims) {
        String sub = claims == null ? null : claims.get("sub");
        return sub != null && !sub.isBlank();
    }

    /**
     * A token that says it is an access token ({@code token_use=access}, as Cognito's do): without the custom
     * attributes, an area's admin would read as the whole deployment's. Tokens that do not say (other issuers') are
     * read by their claims.
     */
    private static boolean isAccessToken(Map<String, String> claims) {
        return "access".equals(claims.get("token_use"));
    }

    /**
     * The roles of the token's groups as API Gateway passes a list claim: {@code [team_leader volunteer]}, exact
     * group names one space apart. A value in any other form (no brackets, a JSON array, padding, doubled spaces)
     * is not that list and grants nothing: a looser reading would let a group merely named like one of ours
     * ({@code "resident,admin"}, {@code " admin "}, {@code "ADMIN"}) pass for it.
     */
    static Set<Role> roles(String groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups == null || groups.length() < 2 || !groups.startsWith("[") || !groups.endsWith("]")) {
            return roles;
        }
        String names = groups.substring(1, groups.length() - 1);
        if (names.isEmpty()) {
            return roles;
        }
        String[] split = names.split(" ", -1);
        for (String group : split) {
            if (group.isEmpty()) {
                return EnumSet.noneOf(Role.class);
            }
            Role.fromGroup(group).ifPresent(roles::add);
        }
        return roles;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
