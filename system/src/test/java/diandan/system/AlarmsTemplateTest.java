package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import diandan.devkit.Template;

/**
 * The template's alarms and dashboard, as docs/operations.md describes them: each function's errors, each
 * dead-letter queue not empty, the sweep's lag read from the metric its log lines carry; every alarm on the
 * dashboard and, when an alert topic is given, sent to it; the table recoverable to a point in time.
 */
class AlarmsTemplateTest {
    private static final Template TEMPLATE = Template.load();
    private static final Object TO_THE_ALERT_TOPIC = Map.of("Fn::If", List.of("HasAlertTopic",
            List.of(Map.of("Ref", "AlertTopicArn")), Map.of("Ref", "AWS::NoValue")));

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static List<Map<String, Object>> alarms() {
        return TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").stream().map(TEMPLATE::properties).toList();
    }

    static boolean watches(Map<String, Object> alarm, String namespace, String metric, Map<String, Object> dimension) {
        return namespace.equals(alarm.get("Namespace")) && metric.equals(alarm.get("MetricName"))
                && List.of(dimension).equals(alarm.get("Dimensions"));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionHasAnErrorsAlarm() {
        return TEMPLATE.functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () ->
                assertEquals(1, alarms().stream().filter(a -> watches(a, "AWS/Lambda", "Errors",
                        Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.logicalId()))))
                        .filter(a -> Integer.valueOf(0).equals(a.get("Threshold"))).count(),
                        function.logicalId() + " has no alarm on its errors")));
    }

    @Test
    void eachQueueHasAnAlarmWhenItIsNotEmpty() {
        List<String> queues = TEMPLATE.resourcesOfType("AWS::SQS::Queue");
        assertTrue(!queues.isEmpty());
        for (String queue : queues) {
            // !GetAtt Queue.QueueName, in its short form
            assertEquals(1, alarms().stream().filter(a -> watches(a, "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                    Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", queue + ".QueueName")))).count(), queue);
        }
    }

    @Test
    void theSweepLagAlarmReadsTheMetricTheSweepsLinesCarryAndANoSweepBreachesIt() {
        Map<String, Object> lag = TEMPLATE.properties("SweepLagAlarm");
        Object namespace = map(map(TEMPLATE.globalFunctionProperty("Environment")).get("Variables"))
                .get("METRICS_NAMESPACE");
        assertEquals(namespace, lag.get("Namespace"), "the namespace the functions write to");
        assertEquals("sweepLagSeconds", lag.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "function", "Value", "EscalationFunction")), lag.get("Dimensions"));
        assertEquals("breaching", lag.get("TreatMissingData"));
    }

    @Test
    void everyAlarmIsOnTheDashboardAndNotifiesTheAlertTopicWhenOneIsGiven() throws Exception {
        List<String> dashboards = TEMPLATE.resourcesOfType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size());
        String body = (String) map(TEMPLATE.properties(dashboards.get(0)).get("DashboardBody")).get("Fn::Sub");
        JsonNode widgets = new ObjectMapper().readTree(body).path("widgets");
        assertTrue(widgets.size() > 5, "a dashboard of widgets");
        for (String alarm : TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm")) {
            assertTrue(body.contains("\"${" + alarm + ".Arn}\""), alarm + " is not on the dashboard");
            assertEquals(TO_THE_ALERT_TOPIC, TEMPLATE.properties(alarm).get("AlarmActions"), alarm);
        }
    }

    @Test
    void theTableCanBeRestoredToAPointInTime() {
        String table = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").get(0);
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true),
                TEMPLATE.properties(table).get("PointInTimeRecoverySpecification"));
    }
}
