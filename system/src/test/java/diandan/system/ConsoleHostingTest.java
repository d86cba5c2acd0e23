package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import diandan.devkit.Template;
import diandan.domain.Role;

/**
 * The console as template.yaml serves it: a private bucket read by the console's CloudFront distribution alone,
 * an API that allows that distribution's origin only, and a user pool whose users cannot write the attributes that
 * scope their roles.
 */
class ConsoleHostingTest {
    private static final Template TEMPLATE = Template.load();
    private static final Map<String, Object> DISTRIBUTION_ARN = Map.of("Fn::Sub",
            "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${ConsoleDistribution}");

    @Test
    void theBucketIsPrivateAndOnlyTheConsoleDistributionReadsIt() {
        assertEquals(List.of("ConsoleBucket"), TEMPLATE.resourcesOfType("AWS::S3::Bucket"));
        Map<String, Object> bucket = TEMPLATE.properties("ConsoleBucket");
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        assertNotNull(bucket.get("BucketEncryption"), "the bucket is encrypted at rest");
        assertFalse(bucket.containsKey("WebsiteConfiguration"), "no public website endpoint");
        assertFalse(bucket.containsKey("AccessControl"), "no ACL grants");

        assertEquals(List.of("ConsoleBucketPolicy"), TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy"));
        Map<String, Object> policy = TEMPLATE.properties("ConsoleBucketPolicy");
        assertEquals(Map.of("Ref", "ConsoleBucket"), policy.get("Bucket"));
        List<Map<String, Object>> allows = statements(policy).stream().filter(s -> "Allow".equals(s.get("Effect")))
                .toList();
        assertEquals(1, allows.size(), "one grant: " + allows);
        Map<String, Object> allow = allows.get(0);
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), allow.get("Principal"));
        assertEquals("s3:GetObject", allow.get("Action"));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn", DISTRIBUTION_ARN)), allow.get("Condition"),
                "CloudFront reads for this stack's distribution only, not for any distribution of any account");

        Map<String, Object> origin = map(list(config().get("Origins")).get(0));
        assertEquals(Map.of("Fn::GetAtt", "ConsoleBucket.RegionalDomainName"), origin.get("DomainName"));
        assertEquals(Map.of("Fn::GetAtt", "ConsoleOriginAccessControl.Id"), origin.get("OriginAccessControlId"));
        assertEquals("s3", map(TEMPLATE.properties("ConsoleOriginAccessControl").get("OriginAccessControlConfig"))
                .get("OriginAccessControlOriginType"));
    }

    @Test
    void theDistributionRedirectsToHttpsAndNeverCachesConfigJson() {
        Map<String, Object> config = config();
        assertEquals("index.html", config.get("DefaultRootObject"));
        assertEquals("redirect-to-https", map(config.get("DefaultCacheBehavior")).get("ViewerProtocolPolicy"));
        Map<String, Object> configJson = list(config.get("CacheBehaviors")).stream().map(ConsoleHostingTest::map)
                .filter(b -> "/config.json".equals(b.get("PathPattern"))).findFirst().orElseThrow();
        assertEquals("redirect-to-https", configJson.get("ViewerProtocolPolicy"));
        assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", configJson.get("CachePolicyId"),
                "config.json under the managed CachingDisabled policy");
    }

    @Test
    void corsAllowsTheDistributionsOriginOnlyWithTheApisMethodsAndHeaders() {
        Map<String, Object> cors = map(TEMPLATE.properties("HttpApi").get("CorsConfiguration"));
        assertEquals(List.of(Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}")), cors.get("AllowOrigins"));
        assertFalse(cors.containsKey("AllowCredentials"), "the token travels in a header, never in a cookie");
        Set<String> methods = TEMPLATE.routes().stream().map(Template.Route::method).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(methods, new TreeSet<>(strings(cors.get("AllowMethods"))));
        assertTrue(strings(cors.get("AllowHeaders")).containsAll(List.of("Authorization", "Content-Type",
                "Idempotency-Key", "If-Match")), "the request headers the API reads: " + cors.get("AllowHeaders"));
    }

    @Test
    void theUserPoolsGroupsAreTheRolesAndItsAttributesScopeThem() {
        Set<String> groups = TEMPLATE.resourcesOfType("AWS::Cognito::UserPoolGroup").stream()
                .map(id -> String.valueOf(TEMPLATE.properties(id).get("GroupName")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Arrays.stream(Role.values()).map(Role::group).collect(Collectors.toCollection(TreeSet::new)), groups);
        Set<String> custom = list(TEMPLATE.properties("UserPool").get("Schema")).stream()
                .map(a -> String.valueOf(map(a).get("Name"))).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("team_id", "area_id", "volunteer_id"), custom);
        for (String id : List.of("UserPool", "ConsoleClient", "AuthDomain", "ResidentGroup")) {
            assertEquals("CreateUserPool", TEMPLATE.resource(id).get("Condition"), id + " only without an issuer");
        }
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "JwtIssuer"), "")), TEMPLATE.condition("CreateUserPool"));
    }

    /**
     * A client without WriteAttributes may write every writable attribute: a team leader could name another team
     * in custom:team_id, an area's admin drop custom:area_id and administer the whole deployment.
     */
    @Test
    void noAppClientCanWriteTheCustomAttributes() {
        List<String> clients = TEMPLATE.resourcesOfType("AWS::Cognito::UserPoolClient");
        assertFalse(clients.isEmpty());
        for (String id : clients) {
            Map<String, Object> client = TEMPLATE.properties(id);
            assertTrue(client.containsKey("WriteAttributes"), id + " must list what users may write");
            assertTrue(strings(client.get("WriteAttributes")).stream().noneMatch(a -> a.startsWith("custom:")),
                    id + " writes " + client.get("WriteAttributes"));
            assertEquals(false, client.get("GenerateSecret"), "a browser keeps no secret");
            assertEquals(List.of("code"), client.get("AllowedOAuthFlows"), "code flow (with PKCE), no implicit");
            assertEquals(List.of("openid"), client.get("AllowedOAuthScopes"), "openid alone: the ID token then holds"
                    + " every attribute the client reads; email or profile beside it would narrow it to theirs");
            assertEquals(List.of(Map.of("Fn::Sub", "https://${ConsoleDistribution.DomainName}/")),
                    client.get("CallbackURLs"));
        }
    }

    /** With the stack's own pool, the authorizer takes its issuer and the console client as audience. */
    @Test
    void theAuthorizerTrustsThePoolItCreatesOrTheIssuerGiven() {
        Map<String, Object> jwt = map(map(map(map(TEMPLATE.properties("HttpApi").get("Auth")).get("Authorizers"))
                .get("JwtAuthorizer")).get("JwtConfiguration"));
        assertEquals(Map.of("Fn::If", List.of("CreateUserPool", Map.of("Fn::Sub", "https://${UserPool.ProviderURL}"),
                Map.of("Ref", "JwtIssuer"))), jwt.get("issuer"));
        assertEquals(List.of(Map.of("Fn::If", List.of("CreateUserPool", Map.of("Ref", "ConsoleClient"),
                Map.of("Ref", "JwtAudience")))), jwt.get("audience"));
    }

    private static Map<String, Object> config() {
        return map(TEMPLATE.properties("ConsoleDistribution").get("DistributionConfig"));
    }

    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return list(map(policy.get("PolicyDocument")).get("Statement")).stream().map(ConsoleHostingTest::map).toList();
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "expected a mapping: " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertTrue(value instanceof List, "expected a list: " + value);
        return (List<Object>) value;
    }
}
