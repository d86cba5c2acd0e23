package diandan.domain.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import diandan.domain.Access;
import diandan.domain.Caller;
import diandan.domain.Role;

class IdentityAccessTest {
    @Test
    void onlyTheVolunteerThemselfAndAdminsSeeTheWholeNumber() {
        assertTrue(Access.seesIdentityNumber(new Caller("u1", Set.of(Role.VOLUNTEER), null, null, "v1"), "v1"));
        assertTrue(Access.seesIdentityNumber(new Caller("a", Set.of(Role.ADMIN), null, null, null), "v1"));
        assertFalse(Access.seesIdentityNumber(new Caller("u2", Set.of(Role.VOLUNTEER), null, null, "v2"), "v1"));
        assertFalse(Access.seesIdentityNumber(new Caller("l", Set.of(Role.TEAM_LEADER), "t1", null, null), "v1"),
                "a team leader sees the phone, not the identity number");
        assertFalse(Access.seesIdentityNumber(new Caller("d", Set.of(Role.DISPATCHER), null, "xinbei", null), "v1"));
        assertFalse(Access.seesIdentityNumber(new Caller("x", Set.of(), null, null, "v1"), "v1"),
                "a token naming the volunteer without the volunteer's group");
    }
}
