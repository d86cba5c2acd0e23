package diandan.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

/**
 * One cold start, as Lambda's Java runtime does it: load the handler class, construct it, deserialize the
 * event with the runtime's own serializers, answer it. Prints {@code wallMs classes} measured from JVM start
 * (the JVM's own start time) to the answered event. Run in a fresh JVM per measurement.
 */
public final class FirstEvent {
    private FirstEvent() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        Class<?> type = Class.forName(handlerClass);
        Object handler = type.getDeclaredConstructor().newInstance();
        Object response;
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, null);
            response = out.toString();
        } else {
            Method method = handlerMethod(type);
            Class<?> input = method.getParameterTypes()[0];
            PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(input, type.getClassLoader());
            response = ((RequestHandler<Object, ?>) handler).handleRequest(serializer.fromJson(new ByteArrayInputStream(event)), null);
        }
        long wall = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("FIRST-EVENT " + wall + " " + classes + " " + (response == null ? "null" : "ok"));
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
