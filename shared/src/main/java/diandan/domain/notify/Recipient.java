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
        TEAM_LEADER("team leader", false), RESIDENT("resident", true), DISPATCHER("dispatcher", false),
        VOLUNTEER("volunteer", true);

        /** How the timeline names them: "notified team leader by WeChat". */
        public final String words;
        /**
         * Whether a message of theirs may go to the phone the desk knows for them without their settings: a
         * resident's on their request, a volunteer's in the registry. Staff are reached only as they chose.
         */
        public final boolean ownPhone;

        Role(String words, boolean ownPhone) {
            this.words = words;
            this.ownPhone = ownPhone;
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
