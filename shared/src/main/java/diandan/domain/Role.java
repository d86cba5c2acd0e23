package diandan.domain;

import java.util.Locale;
import java.util.Optional;

/** The groups a token may carry ({@code cognito:groups}). */
public enum Role {
    RESIDENT, VOLUNTEER, TEAM_LEADER, DISPATCHER, ADMIN;

    /** The role of a group named exactly so: another spelling is another group, of no role. */
    public static Optional<Role> fromGroup(String group) {
        for (Role role : values()) {
            if (role.group().equals(group)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }
}
