package diandan.local;

import java.util.UUID;
import java.util.function.Consumer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.Template;

/**
 * A handler object called the way the local stack calls one: through the method the template's {@code Handler}
 * names, with the event handed over as that method takes it (the event object, or its JSON for a stream
 * handler), and the result read back the way API Gateway reads it. For tests that build the handler themselves,
 * with their own table and clock, instead of by its no-arg constructor.
 */
public final class HandlerInvoker {
    private final Template.Function function;
    private final HandlerMethod method;
    private final Object handler;
    private final Consumer<String> log;

    private HandlerInvoker(Template.Function function, HandlerMethod method, Object handler, Consumer<String> log) {
        this.function = function;
        this.method = method;
        this.handler = handler;
        this.log = log;
    }

    /**
     * @param handler an instance of the function's handler class
     * @param log where the function's {@code context.getLogger()} lines go
     * @throws ReflectiveOperationException when the class has no handler method of the template's name and shape
     */
    public static HandlerInvoker of(Template.Function function, Object handler, Consumer<String> log)
            throws ReflectiveOperationException {
        HandlerMethod method = HandlerMethod.find(function.handler());
        if (!method.className().equals(handler.getClass().getName())) {
            throw new IllegalArgumentException(function.logicalId() + " is handled by " + method.className()
                    + ", not " + handler.getClass().getName());
        }
        return new HandlerInvoker(function, method, handler, log);
    }

    /**
     * One HTTP API event, answered as API Gateway would read the handler's result.
     *
     * @throws Exception what the handler threw: API Gateway would answer 500
     */
    public APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent event) throws Exception {
        Object result = method.callWithEvent(handler, event, context());
        APIGatewayV2HTTPResponse response = HttpApiGateway.response(result);
        if (response == null) {
            throw new IllegalStateException(function.logicalId() + " answered something API Gateway cannot read");
        }
        return response;
    }

    /** Any other event (a schedule's); the result as the JSON the runtime would send back. */
    public byte[] invoke(Object event) throws Exception {
        Object result = method.callWithEvent(handler, event, context());
        return result instanceof HandlerMethod.JsonPayload payload ? payload.bytes() : EventJson.write(result);
    }

    private LocalContext context() {
        return new LocalContext(UUID.randomUUID().toString(), function.logicalId(), function.timeoutSeconds(), log);
    }
}
