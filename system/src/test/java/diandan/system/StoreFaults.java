package diandan.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import diandan.adapter.dynamodb.DynamoDb;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The store failing in the middle of an operation, at its n-th write, on every attempt the SDK makes of that
 * write: stopped (the engine is gone: the connection is refused), slowed (each attempt waits past the SDK's
 * {@link DynamoDb#ATTEMPT_TIMEOUT}), or throttling (answered {@code ProvisionedThroughputExceededException}). The writes
 * before it land; nothing after it is sent. Or the n-th write lands and its answer is lost (a connection reset
 * on the way back): the SDK sends it again, and the operation goes on; or, when the engine stops right after
 * it has applied the write (LANDED_THEN_STOPPED), the SDK's attempts to send it again are refused, and the
 * caller is left not knowing whether it landed. Unarmed, it counts the writes of an operation.
 */
final class StoreFaults implements ExecutionInterceptor {
    enum Kind { STOPPED, SLOWED, THROTTLED, ANSWER_LOST, LANDED_THEN_STOPPED }

    /** What stops the engine when a STOPPED fault strikes. */
    interface Engine {
        void stop();
    }

    private static final ExecutionAttribute<Boolean> STRUCK = new ExecutionAttribute<>("diandan.fault");
    private static final ExecutionAttribute<Boolean> ANSWER_LOST = new ExecutionAttribute<>("diandan.answer-lost");
    private static final Duration SLOWER_THAN_AN_ATTEMPT = DynamoDb.ATTEMPT_TIMEOUT.plusMillis(500);

    private final Engine engine;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile Kind kind;
    private volatile int atWrite;
    private volatile boolean struck;

    StoreFaults(Engine engine) {
        this.engine = engine;
    }

    /** From now, fail the {@code write}-th write the way {@code kind} says; counting starts again. */
    void arm(Kind kind, int write) {
        this.kind = kind;
        this.atWrite = write;
        this.struck = false;
        writes.set(0);
    }

    /** No more faults; counting starts again. */
    void disarm() {
        kind = null;
        struck = false;
        writes.set(0);
    }

    int writes() {
        return writes.get();
    }

    /** Whether the armed fault met its write (an operation with fewer writes never meets it). */
    boolean struck() {
        return struck;
    }

    /** Once per call, whatever the attempts: the n-th write call is the one that fails, on all its attempts. */
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request()) && writes.incrementAndGet() == atWrite && kind != null) {
            attributes.putAttribute(STRUCK, true);
            struck = true;
            if (kind == Kind.STOPPED) {
                engine.stop();
            }
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(STRUCK))) {
            return;
        }
        if (kind == Kind.SLOWED) {
            try {
                Thread.sleep(SLOWER_THAN_AN_ATTEMPT.toMillis());
            } catch (InterruptedException timedOut) {
                Thread.currentThread().interrupt();
            }
            throw SdkClientException.create("the store answered later than the attempt timeout");
        }
    }

    /**
     * Throttling as the store answers it: each attempt is sent and refused whole with a 400. The struck write goes
     * out as an operation the engine does not know (it refuses it, applying nothing), and its answer is made the
     * store's throttling answer.
     */
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (kind == Kind.THROTTLED && Boolean.TRUE.equals(attributes.getAttribute(STRUCK))) {
            return context.httpRequest().toBuilder().putHeader("X-Amz-Target", "DynamoDB_20120810.Throttled").build();
        }
        return context.httpRequest();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                            ExecutionAttributes attributes) {
        if (kind == Kind.THROTTLED && Boolean.TRUE.equals(attributes.getAttribute(STRUCK))) {
            return Optional.of(new ByteArrayInputStream(("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                    + "ProvisionedThroughputExceededException\",\"message\":\"injected throttling\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    /** The first attempt of the struck write landed; its answer never arrives. */
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        boolean answerLost = kind == Kind.ANSWER_LOST || kind == Kind.LANDED_THEN_STOPPED;
        if (answerLost && Boolean.TRUE.equals(attributes.getAttribute(STRUCK))
                && attributes.getAttribute(ANSWER_LOST) == null) {
            attributes.putAttribute(ANSWER_LOST, true);
            if (kind == Kind.LANDED_THEN_STOPPED) {
                engine.stop();
            }
            throw SdkClientException.builder().message("connection reset").cause(new IOException("connection reset"))
                    .build();
        }
        return context.httpResponse();
    }

    private static boolean isWrite(SdkRequest request) {
        return request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest || request instanceof BatchWriteItemRequest;
    }
}
