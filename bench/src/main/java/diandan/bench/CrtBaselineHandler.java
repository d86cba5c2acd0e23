package diandan.bench;

import diandan.adapter.dynamodb.DynamoDb;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;

/** The baseline on the AWS CRT HTTP client instead, with the same connection timeout: the other candidate. */
public final class CrtBaselineHandler extends OneGetItemBaseline {
    public CrtBaselineHandler() {
        super(DynamoDb.fromEnvironment(AwsCrtHttpClient.builder().connectionTimeout(DynamoDb.CONNECTION_TIMEOUT).build()));
    }
}
