package diandan.local;

/**
 * What the local stack stands in for: one account in one region, one stack, and the identity provider that
 * issues its tokens. The template's parameters {@code JwtIssuer} and {@code JwtAudience} take these values.
 */
final class LocalAccount {
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String STACK_NAME = "diandan-local";
    /** The {@code iss} of local tokens and the issuer the local JWT authorizer accepts. */
    static final String JWT_ISSUER = "https://auth.diandan.localhost";
    /** The {@code aud} of local tokens: the app client id the local JWT authorizer accepts. */
    static final String JWT_AUDIENCE = "diandan-local";

    private LocalAccount() {
    }

    /** The physical name a resource of the template gets in the local account, e.g. the table's name. */
    static String physicalName(String logicalId) {
        return STACK_NAME + "-" + logicalId;
    }

    static String functionArn(String logicalId) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + physicalName(logicalId);
    }
}
