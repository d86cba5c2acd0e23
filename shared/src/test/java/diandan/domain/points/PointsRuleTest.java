package diandan.domain.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import diandan.domain.Problem;

class PointsRuleTest {
    private final PointsRule threePerHour = new PointsRule(3, 100, 1);

    @Test
    void certifiedHoursEarnWholePointsRoundedHalfUp() {
        assertEquals(2, threePerHour.pointsFor(1, 1, 0), "half an hour at 3 points: 1.5 rounds to 2");
        assertEquals(6, threePerHour.pointsFor(4, 1, 0));
    }

    @Test
    void belowTheStarLevelNothingIsEarned() {
        assertEquals(0, threePerHour.pointsFor(200, 0, 0));
    }

    @Test
    void aBalanceNeverGrowsPastTheCap() {
        assertEquals(4, threePerHour.pointsFor(20, 1, 96));
        assertEquals(0, threePerHour.pointsFor(20, 1, 100));
    }

    @Test
    void hoursTakenAwayTakeTheirPointsBackButNeverBelowZero() {
        assertEquals(-6, threePerHour.pointsFor(-4, 0, 50), "taken back whatever the level is now");
        assertEquals(-5, threePerHour.pointsFor(-4, 1, 5), "never more than the balance holds");
    }

    @Test
    void anAdminsRuleIsCheckedFieldByField() {
        assertEquals(new PointsRule(2, 500, 0), PointsRule.of(2, 500, 0, 5));
        assertEquals("fromLevel", assertThrows(Problem.class, () -> PointsRule.of(2, 500, 6, 5)).errors().get(0).field());
        assertEquals("cap", assertThrows(Problem.class, () -> PointsRule.of(2, null, 1, 5)).errors().get(0).field());
        assertEquals("pointsPerHour", assertThrows(Problem.class, () -> PointsRule.of(-1, 5, 1, 5)).errors().get(0).field());
    }
}
