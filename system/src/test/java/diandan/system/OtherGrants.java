package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import diandan.devkit.Template;

/**
 * What template.yaml lets a function do beyond DynamoDB: the actions of its explicit statements and SAM policy
 * templates, each held to the one resource it is meant for. Putting events only on the desk's bus, reading only
 * the one secret, publishing SMS (which has no topic, so no narrower resource than "*") or to the alert topic,
 * making and opening data keys only under the field key.
 */
final class OtherGrants {
    /** Each action a function may be granted, and the resources it may be granted on. */
    private static final Map<String, Set<Object>> MEANT_FOR = Map.of(
            "events:PutEvents", Set.of(Map.of("Fn::GetAtt", "EventBus.Arn")),
            "secretsmanager:GetSecretValue", Set.of(Map.of("Ref", "WeChatAppSecretArn")),
            "sns:Publish", Set.of("*"),
            "kms:Decrypt", Set.of(Map.of("Fn::GetAtt", "FieldKey.Arn")),
            "kms:GenerateDataKey", Set.of(Map.of("Fn::GetAtt", "FieldKey.Arn")));
    /** The SAM policy templates understood here, and the action each grants (on the resource it names). */
    private static final Map<String, String> POLICY_TEMPLATES = Map.of("SNSPublishMessagePolicy", "sns:Publish");

    private OtherGrants() {
    }

    static Set<String> of(Template template, String functionId) {
        Set<String> granted = new TreeSet<>();
        for (Object policy : DynamoDbGrants.policiesOf(template, functionId)) {
            collect(functionId, policy, granted);
        }
        return granted;
    }

    private static void collect(String functionId, Object policy, Set<String> into) {
        if (policy instanceof List<?> branches) {
            branches.forEach(branch -> collect(functionId, branch, into));
        } else if (policy instanceof Map<?, ?> map) {
            if (map.containsKey("Fn::If")) {
                collect(functionId, map.get("Fn::If"), into);
            } else if (map.containsKey("Statement")) {
                for (Object statement : DynamoDbGrants.list(map.get("Statement"))) {
                    statement(functionId, DynamoDbGrants.map(statement), into);
                }
            } else {
                map.keySet().stream().filter(POLICY_TEMPLATES::containsKey)
                        .forEach(name -> into.add(POLICY_TEMPLATES.get(name)));
            }
        }
    }

    private static void statement(String functionId, Map<String, Object> statement, Set<String> into) {
        for (Object action : DynamoDbGrants.list(statement.get("Action"))) {
            String name = (String) action;
            if (name.startsWith("dynamodb:")) {
                continue;
            }
            assertFalse(name.contains("*"), functionId + ": named actions only, not " + name);
            assertEquals("Allow", statement.get("Effect"), functionId + ": " + statement);
            Set<Object> meantFor = MEANT_FOR.get(name);
            if (meantFor == null) {
                fail(functionId + ": no action " + name + " is meant for any function");
            }
            for (Object resource : DynamoDbGrants.list(statement.get("Resource"))) {
                if (!meantFor.contains(resource)) {
                    fail(functionId + ": " + name + " on " + resource + ", meant for " + meantFor + " only");
                }
            }
            into.add(name);
        }
    }
}
