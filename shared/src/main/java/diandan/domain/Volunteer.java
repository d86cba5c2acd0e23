package diandan.domain;

import diandan.domain.identity.StoredIdentity;

/**
 * A volunteer: name and phone (personal data: the phone is shown whole only to their team leaders,
 * dispatchers, admins and themself), and when registered with them the national volunteer number and the
 * identity document in its stored form (masked, keyed hash, sealed; see StoredIdentity), both null otherwise.
 * The teams they serve in are the teams listing them as members. {@code version} counts the changes of the
 * record (1 at registration), for conditional updates.
 */
public record Volunteer(String id, String name, String phone, String volunteerNumber, StoredIdentity identity,
                        long version) {
    /** A volunteer registered without the national record fields. */
    public Volunteer(String id, String name, String phone) {
        this(id, name, phone, null, null);
    }

    /** A volunteer as registered: version 1. */
    public Volunteer(String id, String name, String phone, String volunteerNumber, StoredIdentity identity) {
        this(id, name, phone, volunteerNumber, identity, 1);
    }

    @Override
    public String toString() {
        return "Volunteer[" + id + "]";
    }
}
