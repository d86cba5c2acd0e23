package diandan.intake;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.SubmissionLimits;
import diandan.port.request.RequestQuery;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The store throttles mid-operation. Throttled on every attempt before the write: nothing is stored, the
 * client gets 503 with Retry-After, and its retry completes once. Throttled after a write that went
 * through: the SDK's own retry meets the stored item, and the client gets that one request.
 */
@ExtendWith(DynaliteExtension.class)
class ThrottlingTest {
    enum Fault { NONE, EVERY_PUT_THROTTLED, FIRST_ANSWER_LOST }

    static final AtomicReference<Fault> FAULT = new AtomicReference<>(Fault.NONE);
    static IntakeHandler handler;
    static DynamoRequestRepository requests;

    /** Throws the store's throttling error once, where the test asks for it. */
    static final class Throttle implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutItemRequest && FAULT.get() == Fault.EVERY_PUT_THROTTLED) {
                throw throttled();
            }
        }

        /** The write was applied; its answer is lost on the way back, as when a connection resets. */
        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutItemRequest && FAULT.compareAndSet(Fault.FIRST_ANSWER_LOST, Fault.NONE)) {
                throw SdkClientException.builder().message("connection reset").cause(new IOException("connection reset")).build();
            }
            return context.httpResponse();
        }

        private static ProvisionedThroughputExceededException throttled() {
            return (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
                    .message("injected throttling").statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("injected throttling").build())
                    .build();
        }
    }

    @BeforeAll
    static void setUp(LocalTable table) {
        DynamoDbClient throttled = DynamoDbClient.builder()
                .endpointOverride(table.engine().endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(DynamoDb.overrides().addExecutionInterceptor(new Throttle()).build())
                .build();
        LocalTable faulty = new LocalTable(table.engine(), throttled, table.name());
        handler = IntakeFixture.handler(faulty, new MutableClock(Instant.parse("2026-11-28T09:30:00Z")), SubmissionLimits.DEFAULT);
        requests = new DynamoRequestRepository(table.client(), table.name());
    }

    static long requestsOf(String sub) {
        return requests.list(new RequestQuery(RequestQuery.Scope.OWNER, sub, null, null, null, null, null, null, null,
                100, null)).items().size();
    }

    @Test
    void throttledBeforeTheWriteNothingIsStoredAndTheRetryCreatesIt() {
        FAULT.set(Fault.EVERY_PUT_THROTTLED);
        var event = withHeader(as(ApiEvents.load("submit-request.json"), ApiEvents.resident("throttled-before")), "Idempotency-Key", "t-1");
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        FAULT.set(Fault.NONE);
        assertEquals(503, first.getStatusCode(), first.getBody());
        assertEquals("2", first.getHeaders().get("Retry-After"));
        assertEquals(0, requestsOf("throttled-before"));
        assertEquals(201, handler.handleRequest(event, null).getStatusCode());
        assertEquals(1, requestsOf("throttled-before"));
    }

    @Test
    void aLostAnswerIsRetriedByTheSdkAndStoresOneRequest() {
        for (String key : new String[] {"t-2", null}) {
            String sub = "answer-lost-" + key;
            FAULT.set(Fault.FIRST_ANSWER_LOST);
            var event = as(ApiEvents.load("submit-request.json"), ApiEvents.resident(sub));
            event.getHeaders().remove("idempotency-key");
            if (key != null) {
                withHeader(event, "Idempotency-Key", key);
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            assertEquals(201, response.getStatusCode(), response.getBody());
            assertEquals(Fault.NONE, FAULT.get(), "the answer of the first write was lost");
            assertEquals(1, requestsOf(sub));
        }
    }
}
