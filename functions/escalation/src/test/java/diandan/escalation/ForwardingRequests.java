package diandan.escalation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import diandan.domain.ServiceRequest;
import diandan.port.request.RequestRepository;

/**
 * A request repository that passes everything on, and lets a test act just before a replace goes through, or
 * just after a request was read.
 */
final class ForwardingRequests {
    private ForwardingRequests() {
    }

    static RequestRepository beforeReplace(RequestRepository delegate, BiConsumer<ServiceRequest, ServiceRequest> hook) {
        return (RequestRepository) Proxy.newProxyInstance(RequestRepository.class.getClassLoader(),
                new Class<?>[] {RequestRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replace")) {
                        hook.accept((ServiceRequest) args[0], (ServiceRequest) args[1]);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static RequestRepository afterFind(RequestRepository delegate, Consumer<String> hook) {
        return (RequestRepository) Proxy.newProxyInstance(RequestRepository.class.getClassLoader(),
                new Class<?>[] {RequestRepository.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("find")) {
                        hook.accept((String) args[0]);
                    }
                    return result;
                });
    }
}
