package diandan.notifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import diandan.devkit.Template;
import diandan.domain.notify.EventType;

/** The bus's rule hands the notifier every event someone is told of, the warning before a breach included. */
class NotifierRuleTest {
    @Test
    void theRuleRoutesWarningsAndEscalationsToTheNotifier() {
        List<String> types = detailTypes();
        assertTrue(types.contains(EventType.WARNED.code()), "detail types: " + types);
        assertTrue(types.contains(EventType.ESCALATED.code()), "detail types: " + types);
    }

    @Test
    void theRuleRoutesHoursCertifiedAndDisputedToTheNotifier() {
        List<String> types = detailTypes();
        assertTrue(types.contains(EventType.HOURS_CERTIFIED.code()), "detail types: " + types);
        assertTrue(types.contains(EventType.HOURS_DISPUTED.code()), "detail types: " + types);
    }

    @Test
    void theRuleRoutesStarLevelsReachedToTheNotifier() {
        assertTrue(detailTypes().contains(EventType.STAR_LEVEL_REACHED.code()), "detail types: " + detailTypes());
    }

    @SuppressWarnings("unchecked")
    private static List<String> detailTypes() {
        Map<String, Object> events = (Map<String, Object>) Template.load().properties("NotifierFunction").get("Events");
        Map<String, Object> rule = (Map<String, Object>) ((Map<String, Object>) events.get("RequestEvents"))
                .get("Properties");
        List<String> types = (List<String>) ((Map<String, Object>) rule.get("Pattern")).get("detail-type");
        return types;
    }
}
