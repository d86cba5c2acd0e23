package diandan.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

/**
 * What Lambda's Java runtime does with an invocation: event bytes in, answer bytes out. A typed handler's
 * event is read and its result written with the runtime's own serializers (aws-lambda-java-serialization); a
 * stream handler gets and gives the bytes. Both are part of an invocation's billed duration.
 */
final class LambdaRuntime {
    private final Object handler;
    private final PojoSerializer<Object> input;
    private final Class<?> output;

    LambdaRuntime(Object handler) {
        this.handler = handler;
        Method method = handler instanceof RequestStreamHandler ? null : handlerMethod(handler.getClass());
        this.input = method == null ? null : serializer(method.getParameterTypes()[0], handler.getClass());
        this.output = method == null ? null : method.getReturnType();
    }

    /**
     * The runtime's own share of a first invocation, done ahead: reading this event and writing an empty answer of
     * the handler's type. A handler cannot prime these (they are the runtime's classes), so a measurement of what
     * priming missed leaves them out.
     */
    void readyFor(byte[] event) throws ReflectiveOperationException {
        if (input == null) {
            return;
        }
        input.fromJson(new ByteArrayInputStream(event));
        Object empty = output.isInterface() ? new java.util.LinkedHashMap<>() : output.getDeclaredConstructor().newInstance();
        serializer(empty.getClass(), handler.getClass()).toJson(empty, new ByteArrayOutputStream());
    }

    byte[] invoke(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (handler instanceof RequestStreamHandler stream) {
            try {
                stream.handleRequest(new ByteArrayInputStream(event), out, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            @SuppressWarnings("unchecked")
            Object result = ((RequestHandler<Object, Object>) handler).handleRequest(input.fromJson(new ByteArrayInputStream(event)), null);
            serializer(result.getClass(), handler.getClass()).toJson(result, out);
        }
        return out.toByteArray();
    }

    /** An event object as the runtime would have received it. */
    static byte[] json(Object event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(event.getClass(), LambdaRuntime.class).toJson(event, out);
        return out.toByteArray();
    }

    /** The HTTP status in an answer, as API Gateway reads it; {@code ok} for answers of other events. */
    static String status(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        String field = "\"statusCode\":";
        int at = text.indexOf(field);
        if (at < 0) {
            return "ok";
        }
        int start = at + field.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, Class<?> loader) {
        return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader.getClassLoader());
    }

    private static Method handlerMethod(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()) {
                return method;
            }
        }
        throw new IllegalArgumentException(type + " has no handleRequest(input, context)");
    }
}
