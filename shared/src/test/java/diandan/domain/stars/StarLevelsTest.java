package diandan.domain.stars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import diandan.domain.Problem;

class StarLevelsTest {
    @Test
    void theNationalStepsCountWholeCertifiedHours() {
        StarLevels national = StarLevels.NATIONAL;
        assertEquals(List.of(100, 300, 600, 1000, 1500), national.thresholds());
        assertEquals(0, national.levelOf(199)); // 99.5 h
        assertEquals(1, national.levelOf(200)); // 100 h
        assertEquals(1, national.levelOf(599));
        assertEquals(2, national.levelOf(600));
        assertEquals(5, national.levelOf(3000));
        assertEquals(5, national.levelOf(1_000_000));
    }

    @Test
    void otherStepsAreTakenWhenStrictlyIncreasingPositiveWholeHoursOfAtMostFiveLevels() {
        StarLevels beijing = StarLevels.of(List.of(100.0, 200.0, 500.0, 800.0, 1000.0));
        assertEquals(3, beijing.levelOf(1000));
        assertEquals(1, StarLevels.of(List.of(50.0)).levelOf(100));
    }

    @Test
    void badStepsAreRefusedNamingTheField() {
        for (List<Double> bad : List.of(List.<Double>of(), List.of(0.0, 100.0), List.of(-5.0), List.of(100.0, 100.0),
                List.of(300.0, 100.0), List.of(100.5), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), List.of(1e7))) {
            Problem problem = assertThrows(Problem.class, () -> StarLevels.of(bad), bad.toString());
            assertEquals(Problem.Kind.VALIDATION, problem.kind(), bad.toString());
            assertEquals("thresholds", problem.errors().get(0).field(), bad.toString());
        }
    }
}
