package diandan.domain;

import java.util.Locale;
import java.util.Optional;

/** The groups a token may carry ({@code cognito:groups}). */
public enum Role {
    RESIDENT, VOLUNTEER, TEAM_LEADER, DISPATCHER, ADMIN;

    public static Optional<Role> fromGroup(String group) {
        for (Role role : values()) {
            if (role.name().equals(group.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }
}
