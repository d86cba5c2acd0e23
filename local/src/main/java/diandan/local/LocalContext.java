package diandan.local;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of one local invocation: ids, names, the time left before the function's timeout. */
final class LocalContext implements Context {
    private static final int MEGABYTE = 1024 * 1024;

    private final String requestId;
    private final String functionId;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    LocalContext(String requestId, String functionId, int timeoutSeconds, Consumer<String> log) {
        this.requestId = requestId;
        this.functionId = functionId;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.accept(message.strip());
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + getFunctionName();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return LocalAccount.physicalName(functionId);
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return LocalAccount.functionArn(functionId);
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    /** All functions share this JVM's heap: its limit is the honest answer. */
    @Override
    public int getMemoryLimitInMB() {
        return (int) (Runtime.getRuntime().maxMemory() / MEGABYTE);
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
