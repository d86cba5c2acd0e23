package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Role;

class ClaimsTest {
    @ParameterizedTest
    @ValueSource(strings = {"[team_leader volunteer]", "[volunteer team_leader]", "[team_leader volunteer unknown_group]",
            "[team_leader volunteer team_leader]"})
    void groupsParseFromTheListApiGatewayFlattens(String groups) {
        Caller caller = Claims.caller(Map.of("sub", "u1", "cognito:groups", groups, "custom:team_id", "t1"));
        assertEquals(EnumSet.of(Role.TEAM_LEADER, Role.VOLUNTEER), caller.roles());
        assertEquals("t1", caller.teamId());
    }

    /**
     * Groups are exact names inside API Gateway's {@code [a b]}: a group whose name merely contains, quotes, pads,
     * brackets or capitalises "admin" is another group, and a value not in that form is no list at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"resident,admin", "[resident,admin]", "[admin,resident]", "[[admin]]", "[admin]]",
            "[[admin]", "admin", " admin ", "[ admin ]", "[ admin]", "[admin ]", "[resident  admin]", "ADMIN", "[ADMIN]",
            "[Admin]", "\"admin\"", "[\"admin\"]", "[\"resident\",\"admin\"]", "[\"resident\" \"admin\"]", "['admin']",
            "[admin\t]", "[\tadmin]", "[resident\tadmin]", "[resident\nadmin]", "[admin\u00a0]", "[\u200badmin]",
            "[ＡＤＭＩＮ]", "[admin;resident]", "[admin|resident]", "admin]", "[admin", "{admin}", "(admin)",
            "[resident] [admin]", "[]admin", "admin[]", "[a d m i n]"})
    void noOtherFormOfAGroupGrantsIt(String groups) {
        Caller caller = Claims.caller(Map.of("sub", "u1", "cognito:groups", groups));
        assertEquals(false, caller.is(Role.ADMIN), groups + " granted " + caller.roles());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void noSubjectIsUnauthorized(String sub) {
        Problem problem = assertThrows(Problem.class, () -> Claims.caller(Map.of("sub", sub)));
        assertEquals(401, problem.kind().status);
        assertEquals(401, assertThrows(Problem.class, () -> Claims.caller(null)).kind().status);
        assertEquals(401, assertThrows(Problem.class, () -> Claims.caller(Map.of("cognito:groups", "[admin]")))
                .kind().status);
    }
}
