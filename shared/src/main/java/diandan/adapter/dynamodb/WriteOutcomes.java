package diandan.adapter.dynamodb;

import java.util.concurrent.atomic.AtomicBoolean;

import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Whether the current call (one event on this thread, from {@link #begin}) may have changed the table, so that a
 * storage fault is answered truthfully: "nothing was changed" only when no write of the call can have landed.
 *
 * <p>A write may have landed when it succeeded, and also when an attempt of it was sent and no answer came back
 * (a timeout, a connection lost: the store may have applied it) or the answer was a 5xx (DynamoDB's own word:
 * the request may have succeeded). An attempt answered with a 4xx (throttling, a failed condition) was refused
 * whole; one stopped before it was sent changed nothing. The SDK retries a write, and reports only the last
 * attempt's exception, so each attempt is followed here: sent ({@link #beforeTransmission}), answered
 * ({@link #afterTransmission}). A connection refused counts as sent: it cannot be told from a lost one then.
 *
 * <p>It sees every write of every client built by the SDK in this process, whoever builds it, because it is
 * registered as a global interceptor ({@code software/amazon/awssdk/global/handlers/execution.interceptors}).
 * The SDK's synchronous clients run an operation's interceptors on the calling thread, which is the call's; the
 * threads a call starts to make calls together ({@code diandan.app.Together}) share its record (inherited when
 * they are started), so that a write one of them made counts for the whole call.
 */
public final class WriteOutcomes implements ExecutionInterceptor {
    private static final InheritableThreadLocal<AtomicBoolean> MAY_HAVE_CHANGED = new InheritableThreadLocal<>() {
        @Override
        protected AtomicBoolean initialValue() {
            return new AtomicBoolean();
        }
    };
    /** The operation's latest attempt was sent and has had no answer (yet). */
    private static final ExecutionAttribute<Boolean> UNANSWERED = new ExecutionAttribute<>("diandan.unanswered");
    /** An attempt of the operation may have been applied without its caller hearing so. */
    private static final ExecutionAttribute<Boolean> UNCERTAIN = new ExecutionAttribute<>("diandan.uncertain");

    /** A new call starts on this thread: nothing written yet. */
    public static void begin() {
        MAY_HAVE_CHANGED.set(new AtomicBoolean());
    }

    /** Whether a write of the current call may have landed. */
    static StorageUnavailableException.Outcome outcome() {
        return MAY_HAVE_CHANGED.get().get() ? StorageUnavailableException.Outcome.MAY_HAVE_CHANGED
                : StorageUnavailableException.Outcome.UNCHANGED;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(UNANSWERED))) {
            attributes.putAttribute(UNCERTAIN, true); // the attempt before this one was sent and heard nothing
        }
        attributes.putAttribute(UNANSWERED, true);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(UNANSWERED, false);
        if (context.httpResponse().statusCode() >= 500) {
            attributes.putAttribute(UNCERTAIN, true);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request())) {
            MAY_HAVE_CHANGED.get().set(true);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (isWrite(context.request()) && (Boolean.TRUE.equals(attributes.getAttribute(UNCERTAIN))
                || Boolean.TRUE.equals(attributes.getAttribute(UNANSWERED)))) {
            MAY_HAVE_CHANGED.get().set(true);
        }
    }

    private static boolean isWrite(SdkRequest request) {
        return request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest || request instanceof BatchWriteItemRequest
                || request instanceof TransactWriteItemsRequest;
    }
}
