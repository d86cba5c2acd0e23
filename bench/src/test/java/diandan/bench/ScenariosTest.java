package diandan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;

/**
 * The benchmark measures every route, schedule and bus rule of template.yaml: each has a scenario in {@link Scenarios}, and
 * each scenario's call answers 2xx (a route answering 4xx would measure its refusal), on a container's first
 * event and again on a warm one, since the benchmark calls each scenario hundreds of times. Counts only: no timing.
 */
@ExtendWith(DynaliteExtension.class)
class ScenariosTest {
    static Desk desk;
    static Scenarios scenarios;
    static List<String[]> keys;

    @BeforeAll
    static void setUp(LocalTable engineTable) {
        desk = new Desk(engineTable.engine(), "scenarios" + UUID.randomUUID().toString().substring(0, 8));
        scenarios = new Scenarios(desk);
        keys = new WarmRoutes(desk, Settings.fromSystemProperties()).keys();
    }

    @Test
    void everyRouteScheduleAndBusRuleOfTheTemplateHasAScenario() {
        List<String> missing = keys.stream().map(key -> key[1]).filter(key -> !scenarios.covers(key)).toList();
        assertEquals(List.of(), missing, "what the benchmark would leave unmeasured");
        assertEquals(desk.template.routes().size() + desk.template.schedules().size() + desk.template.busRules().size(),
                keys.size());
    }

    @Test
    void everyScenarioAnswersTwoHundredsOnAFirstAndAWarmCall() {
        List<String> failing = new ArrayList<>();
        for (String[] key : keys) {
            if (!scenarios.covers(key[1])) {
                continue; // the test above names it
            }
            for (boolean first : List.of(true, false)) {
                Scenarios.Call call = scenarios.of(key[1]).get();
                byte[] event = LambdaRuntime.json(call.event());
                byte[] answer = first ? desk.invokeFirst(key[0], event) : desk.invoke(key[0], event, false);
                call.cleanUp().accept(answer);
                String status = LambdaRuntime.status(answer);
                if (!status.equals("ok") && !status.startsWith("2")) {
                    failing.add(key[1] + (first ? " (first)" : " (warm)") + " " + status + " "
                            + new String(answer, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of(), failing, "scenarios whose call is refused");
    }
}
