package diandan.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * A handler found from the template's {@code Handler} ({@code package.Class::method}) the way the Lambda Java
 * runtime finds it: a public method of that name taking (input[, Context]) or (InputStream, OutputStream,
 * Context). Its parameter type decides how a JSON payload is read.
 */
final class HandlerMethod {
    private final Class<?> handlerClass;
    private final Method method;
    private final boolean streaming;

    private HandlerMethod(Class<?> handlerClass, Method method) {
        this.handlerClass = handlerClass;
        this.method = method;
        Class<?>[] types = method.getParameterTypes();
        this.streaming = types.length == 3 && types[0] == InputStream.class && types[1] == OutputStream.class;
    }

    /**
     * @throws ClassNotFoundException when the class is not on the classpath (its function not built yet)
     * @throws NoSuchMethodException when the class has no public method of that name and shape
     */
    static HandlerMethod find(String handler) throws ClassNotFoundException, NoSuchMethodException {
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        Class<?> type = Class.forName(className, false, HandlerMethod.class.getClassLoader());
        Optional<Method> method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic())
                .filter(HandlerMethod::hasHandlerShape)
                // the most specific shape first, as the runtime prefers: streams, then (input, Context)
                .min(Comparator.comparingInt((Method m) -> -m.getParameterCount()));
        return new HandlerMethod(type, method.orElseThrow(() -> new NoSuchMethodException(
                className + " has no public method " + methodName + "(input[, Context])")));
    }

    private static boolean hasHandlerShape(Method m) {
        Class<?>[] types = m.getParameterTypes();
        return switch (types.length) {
            case 1 -> true;
            case 2 -> types[1] == Context.class;
            case 3 -> types[0] == InputStream.class && types[1] == OutputStream.class && types[2] == Context.class;
            default -> false;
        };
    }

    String className() {
        return handlerClass.getName();
    }

    /** A new handler object, as a new execution environment's init makes it; null for a static method. */
    Object newInstance() throws Exception {
        if (Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        try {
            return handlerClass.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    /** Whether an event object can be handed over as it is, without a trip through JSON. */
    boolean takes(Object event) {
        return !streaming && method.getParameterTypes()[0].isInstance(event);
    }

    /** Calls the handler with an event it {@link #takes}. */
    Object call(Object instance, Object event, Context context) throws Exception {
        try {
            return method.getParameterCount() == 1 ? method.invoke(instance, event) : method.invoke(instance, event, context);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    /** Calls the handler with a JSON payload, read into its input type; returns its result as JSON. */
    byte[] callJson(Object instance, byte[] payload, Context context) throws Exception {
        if (streaming) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                method.invoke(instance, new ByteArrayInputStream(payload), out, context);
            } catch (InvocationTargetException e) {
                throw rethrow(e);
            }
            return out.toByteArray();
        }
        Object input = EventJson.read(method.getParameterTypes()[0], payload);
        return EventJson.write(call(instance, input, context));
    }

    /**
     * Calls the handler with an event object, converted through JSON when its input type differs: then the
     * result is the {@link JsonPayload} the handler wrote.
     */
    Object callWithEvent(Object instance, Object event, Context context) throws Exception {
        return takes(event) ? call(instance, event, context)
                : new JsonPayload(callJson(instance, EventJson.write(event), context));
    }

    /** A handler's result as the JSON the runtime would send back. */
    record JsonPayload(byte[] bytes) {
    }

    private static Exception rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
            return exception;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }
}
