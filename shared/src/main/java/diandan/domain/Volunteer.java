package diandan.domain;

import diandan.domain.identity.StoredIdentity;

/**
 * A volunteer: name and phone (personal data: the phone is shown whole only to their team leaders,
 * dispatchers, admins and themself), and when registered with them the national volunteer number and the
 * identity document in its stored form (masked, keyed hash, sealed; see StoredIdentity), both null otherwise.
 * The teams they serve in are the teams listing them as members.
 */
public record Volunteer(String id, String name, String phone, String volunteerNumber, StoredIdentity identity) {
    /** A volunteer registered without the national record fields. */
    public Volunteer(String id, String name, String phone) {
        this(id, name, phone, null, null);
    }

    @Override
    public String toString() {
        return "Volunteer[" + id + "]";
    }
}
