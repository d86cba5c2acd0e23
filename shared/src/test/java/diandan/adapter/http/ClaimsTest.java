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
    @ValueSource(strings = {"[team_leader volunteer]", "[\"team_leader\",\"volunteer\"]", "team_leader,volunteer",
            "team_leader volunteer unknown_group"})
    void groupsParseInEveryFormApiGatewaySends(String groups) {
        Caller caller = Claims.caller(Map.of("sub", "u1", "cognito:groups", groups, "custom:team_id", "t1"));
        assertEquals(EnumSet.of(Role.TEAM_LEADER, Role.VOLUNTEER), caller.roles());
        assertEquals("t1", caller.teamId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void noSubjectIsUnauthorized(String sub) {
        Problem problem = assertThrows(Problem.class, () -> Claims.caller(Map.of("sub", sub)));
        assertEquals(401, problem.kind().status);
        assertEquals(401, assertThrows(Problem.class, () -> Claims.caller(null)).kind().status);
    }
}
