package diandan.adapter.http;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Role;

/** The caller from the JWT claims API Gateway passes on; no subject means no verified token: 401. */
public final class Claims {
    private Claims() {
    }

    public static Caller caller(Map<String, String> claims) {
        if (!hasSubject(claims)) {
            throw new Problem(Problem.Kind.UNAUTHORIZED, "a valid bearer token is required");
        }
        return new Caller(claims.get("sub"), roles(claims.get("cognito:groups")),
                blankToNull(claims.get("custom:team_id")), blankToNull(claims.get("custom:area_id")),
                blankToNull(claims.get("custom:volunteer_id")));
    }

    /** Whether the claims name whom the token is for: without, it is no caller's (the local authorizer asks too). */
    public static boolean hasSubject(Map<String, String> claims) {
        String sub = claims == null ? null : claims.get("sub");
        return sub != null && !sub.isBlank();
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
