package diandan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import diandan.devkit.Template;

class TemplateValuesTest {
    private static final String TEMPLATE = """
            Parameters:
              JwtIssuer: { Type: String, Default: "" }
              Prefix: { Type: String, Default: "" }
            Conditions:
              CreateUserPool: !Equals [!Ref JwtIssuer, ""]
              HasPrefix: !Not [!Equals [!Ref Prefix, ""]]
              Either: !Or [!Condition CreateUserPool, !Condition HasPrefix]
              Both: !And [!Not [!Condition CreateUserPool], !Not [!Condition HasPrefix]]
            Resources:
              UserPool: { Type: AWS::Cognito::UserPool }
            """;

    /**
     * The local stack passes its own issuer, so a template that creates a user pool only without one takes the
     * external issuer's branch locally, as CloudFormation would with that parameter.
     */
    @Test
    void fnIfTakesTheBranchItsConditionChoosesForTheLocalParameters(@TempDir Path dir) throws Exception {
        TemplateValues values = values(dir);
        assertEquals(Optional.of(LocalAccount.JWT_ISSUER), values.resolve(Map.of("Fn::If",
                List.of("CreateUserPool", Map.of("Fn::Sub", "https://${UserPool}"), Map.of("Ref", "JwtIssuer")))));
        assertEquals(Optional.of("diandan-" + LocalAccount.ACCOUNT_ID), values.resolve(Map.of("Fn::If",
                List.of("HasPrefix", Map.of("Ref", "Prefix"), Map.of("Fn::Sub", "diandan-${AWS::AccountId}")))));
        assertEquals(Optional.of("no"), values.resolve(Map.of("Fn::If", List.of("Either", "yes", "no"))));
        assertEquals(Optional.of("yes"), values.resolve(Map.of("Fn::If", List.of("Both", "yes", "no"))));
    }

    @Test
    void aConditionTheTemplateDoesNotDeclareIsReportedByName(@TempDir Path dir) throws Exception {
        TemplateValues values = values(dir);
        NotResolvedLocally thrown = assertThrows(NotResolvedLocally.class,
                () -> values.resolve(Map.of("Fn::If", List.of("Nowhere", "a", "b"))));
        assertEquals("no condition Nowhere in the template", thrown.getMessage());
    }

    /** A function the local stack cannot evaluate (an attribute of a deployed resource) is refused by name. */
    @Test
    void anIntrinsicFunctionTheLocalStackDoesNotEvaluateIsRefusedByName(@TempDir Path dir) throws Exception {
        TemplateValues values = values(dir);
        NotResolvedLocally getAtt = assertThrows(NotResolvedLocally.class,
                () -> values.resolve(Map.of("Fn::GetAtt", List.of("UserPool", "Arn"))));
        assertEquals("Fn::GetAtt is not resolved by the local stack", getAtt.getMessage());
        NotResolvedLocally subAttribute = assertThrows(NotResolvedLocally.class,
                () -> values.resolve(Map.of("Fn::Sub", "${UserPool.Arn}")));
        assertEquals("Fn::Sub attribute ${UserPool.Arn} is not resolved locally", subAttribute.getMessage());
    }

    private static TemplateValues values(Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, TEMPLATE);
        return new TemplateValues(Template.load(file));
    }
}
