package diandan.domain.notify;

import diandan.domain.Codes;

/**
 * Who is told: a person by subject in a role, or the resident of a request reached through the request's own
 * contact (a hotline or walk-in resident without an account), whose phone serves that resident's messages only.
 *
 * @param sub the subject; null for a resident reached by the request's contact
 */
public record Recipient(Role role, String sub) {
    /** Why this person is told. */
    public enum Role {
        TEAM_LEADER("team leader"), RESIDENT("resident"), DISPATCHER("dispatcher");

        /** How the timeline names them: "notified team leader by WeChat". */
        public final String words;

        Role(String words) {
            this.words = words;
        }

        public String code() {
            return Codes.of(this);
        }
    }

    public boolean byContact() {
        return sub == null;
    }

    /** One recipient of one event: the key of its delivery, with the event's id. */
    public String key() {
        return role.code() + ":" + (sub == null ? "contact" : sub);
    }
}
