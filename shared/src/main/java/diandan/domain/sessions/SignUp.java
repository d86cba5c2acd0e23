package diandan.domain.sessions;

import diandan.domain.Codes;

/** A volunteer's standing in a session; {@code position} is their 1-based place on the waitlist. */
public record SignUp(String volunteerId, State state, Integer position, boolean confirmed) {
    public enum State {
        SIGNED_UP, WAITLISTED, NONE;

        public String code() {
            return Codes.of(this);
        }
    }
}
