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
        String sub = claims == null ? null : claims.get("sub");
        if (sub == null || sub.isBlank()) {
            throw new Problem(Problem.Kind.UNAUTHORIZED, "a valid bearer token is required");
        }
        return new Caller(sub, roles(claims.get("cognito:groups")), blankToNull(claims.get("custom:team_id")),
                blankToNull(claims.get("custom:area_id")), blankToNull(claims.get("custom:volunteer_id")));
    }

    /** Groups arrive as {@code [team_leader volunteer]} (API Gateway's flattening), a JSON array, or a list. */
    static Set<Role> roles(String groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups == null) {
            return roles;
        }
        for (String group : groups.replaceAll("[\\[\\]\"]", " ").split("[\\s,]+")) {
            if (!group.isEmpty()) {
                Role.fromGroup(group).ifPresent(roles::add);
            }
        }
        return roles;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
