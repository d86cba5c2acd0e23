package diandan.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

/**
 * Events and results to and from JSON exactly as the Lambda Java runtime does it: with the runtime's own
 * serializers (aws-lambda-java-serialization), which know the events' field names and their Joda times.
 */
final class EventJson {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private EventJson() {
    }

    static <T> T read(Class<T> type, byte[] json) {
        return serializer(type).fromJson(new ByteArrayInputStream(json));
    }

    @SuppressWarnings("unchecked")
    static byte[] write(Object value) {
        if (value == null) {
            return NULL.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((PojoSerializer<Object>) serializer(value.getClass())).toJson(value, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
                t -> LambdaEventSerializers.serializerFor(t, EventJson.class.getClassLoader()));
    }
}
