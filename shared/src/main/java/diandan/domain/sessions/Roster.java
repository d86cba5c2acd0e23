package diandan.domain.sessions;

import java.util.List;
import java.util.Set;

/**
 * Who holds a place in a session (in the order they got it) and who waits for one (in arrival order), and which
 * members have confirmed. All three live on the session's one item, so that each change is one conditional write.
 */
public record Roster(List<String> members, List<String> waitlist, Set<String> confirmed) {
    public Roster {
        members = List.copyOf(members);
        waitlist = List.copyOf(waitlist);
        confirmed = Set.copyOf(confirmed);
    }

    public boolean isMember(String volunteerId) {
        return members.contains(volunteerId);
    }

    public boolean isWaiting(String volunteerId) {
        return waitlist.contains(volunteerId);
    }

    /** A volunteer's standing: signed up, waitlisted (with the 1-based place in line), or neither. */
    public SignUp standing(String volunteerId) {
        if (isMember(volunteerId)) {
            return new SignUp(volunteerId, SignUp.State.SIGNED_UP, null, confirmed.contains(volunteerId));
        }
        int index = waitlist.indexOf(volunteerId);
        if (index >= 0) {
            return new SignUp(volunteerId, SignUp.State.WAITLISTED, index + 1, false);
        }
        return new SignUp(volunteerId, SignUp.State.NONE, null, false);
    }
}
