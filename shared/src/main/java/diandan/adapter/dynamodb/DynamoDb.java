package diandan.adapter.dynamodb;

import java.net.URI;
import java.time.Duration;

import diandan.adapter.Environment;
import diandan.adapter.priming.PrimingHttpClient;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The one DynamoDB client of a container, built at init from the environment: region and credentials as
 * Lambda provides them, the endpoint from {@code DYNAMODB_ENDPOINT} when set (local stack, tests).
 */
public final class DynamoDb {
    /** A connection to the store is made within this, or the attempt fails. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /** One attempt may take this long before the SDK retries it. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    /** All attempts of one call together: well inside the functions' timeouts, so a dead store gives a 503. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(6);

    private DynamoDb() {
    }

    /**
     * The functions' client. Its HTTP client is the JDK's URL connection: measured against the AWS CRT client by
     * {@code ./bench/run} (docs/performance.md), the CRT client loads a few percent fewer classes but answers no
     * sooner, and brings a 24 MB native library into the jar.
     */
    public static DynamoDbClient fromEnvironment() {
        return fromEnvironment(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build());
    }

    /**
     * The same set-up on another HTTP client (the benchmark's comparison of clients); its writes are answered from
     * canned responses while a snapshot is primed ({@link PrimingHttpClient}).
     */
    public static DynamoDbClient fromEnvironment(SdkHttpClient httpClient) {
        String endpoint = Environment.get("DYNAMODB_ENDPOINT");
        String region = Environment.get("AWS_REGION");
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(PrimingHttpClient.around(httpClient))
                .overrideConfiguration(overrides().build())
                .region(region == null || region.isBlank() ? Region.US_EAST_1 : Region.of(region))
                .credentialsProvider(credentials(endpoint));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** Timeouts that turn a dead or throttling store into a 503 well inside the function's timeout. */
    public static ClientOverrideConfiguration.Builder overrides() {
        return ClientOverrideConfiguration.builder().apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT);
    }

    /** Lambda puts credentials in the environment; a local engine accepts any. */
    private static AwsCredentialsProvider credentials(String endpoint) {
        boolean local = endpoint != null && !endpoint.isBlank();
        if (local && Environment.get("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    public static String tableName() {
        return Environment.require("TABLE_NAME");
    }
}
